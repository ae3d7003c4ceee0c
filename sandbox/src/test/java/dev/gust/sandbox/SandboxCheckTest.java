package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The startup check with fake {@code bwrap} executables that fail the way the real one does. */
class SandboxCheckTest {

    private static final KernelSettings UBUNTU_24_04 =
            new KernelSettings(OptionalLong.of(1), OptionalLong.of(1), OptionalLong.of(63_000));

    @TempDir
    Path dir;

    private SandboxProbe probeWithFakeBwrap(String script) {
        Path bwrap = FakeFiles.script(dir, "bwrap", script);
        return new SandboxProbe(Optional.of(new Bubblewrap(bwrap, "0.9.0")), Optional.empty(), false,
                Cgroups.none("not in this test"));
    }

    @Test
    void refusesABubblewrapThatAppArmorStopsWithTheCauseAndTheFix() {
        SandboxProbe probe = probeWithFakeBwrap("echo 'bwrap: setting up uid map: Permission denied' >&2; exit 1");

        assertThatThrownBy(() -> SandboxCheck.require(BubblewrapSandbox.create(probe), probe, UBUNTU_24_04,
                Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/bin/true in a sandbox ended with exit status 1")
                .hasMessageContaining("bwrap: setting up uid map: Permission denied")
                .hasMessageContaining("AppArmor restricts unprivileged user namespaces")
                .hasMessageContaining("profile bwrap " + dir.resolve("bwrap"));
    }

    @Test
    void refusesASandboxThatDoesNotExitInTime() {
        SandboxProbe probe = probeWithFakeBwrap("exec sleep 60");

        assertThatThrownBy(() -> SandboxCheck.require(BubblewrapSandbox.create(probe), probe, UBUNTU_24_04,
                Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("it did not exit within 300 ms");
    }

    @Test
    void passesWhenTheTrivialSandboxExitsCleanly() {
        SandboxProbe probe = probeWithFakeBwrap("cat > /dev/null; exit 0");

        assertThat(SandboxCheck.require(BubblewrapSandbox.create(probe), probe, UBUNTU_24_04, Duration.ofSeconds(5)))
                .isPositive();
    }
}
