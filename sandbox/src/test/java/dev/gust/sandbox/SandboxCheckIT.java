package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The startup check against this host's real bubblewrap and cgroups. */
class SandboxCheckIT {

    @Test
    void aTrivialBubblewrapSandboxStartsOnThisHost() {
        SandboxProbe probe = SandboxProbe.detect();

        assertThat(SandboxCheck.require(BubblewrapSandbox.create(probe), probe)).isLessThan(SandboxCheck.TIMEOUT);
    }

    @Test
    void aTrivialUnsandboxedProcessStartsInItsCgroups() {
        SandboxProbe probe = SandboxProbe.detect();

        assertThat(SandboxCheck.require(UnsandboxedProcessLauncher.create(probe), probe))
                .isLessThan(SandboxCheck.TIMEOUT);
    }
}
