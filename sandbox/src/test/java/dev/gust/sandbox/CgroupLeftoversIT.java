package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** On the host's real cgroups: a start removes the empty instance cgroups a killed server left, and nothing else. */
class CgroupLeftoversIT {

    @Test
    void emptyOldInstanceCgroupsAreRemovedAndOnesHoldingAProcessOrJustMadeStay() throws Exception {
        Cgroups cgroups = Cgroups.detect();
        assumeTrue(cgroups.enforcing(), "needs writable cgroups: " + cgroups.description());
        String id = "gust-leftover-" + UUID.randomUUID();
        InstanceCgroup leftover = cgroups.create(id, 64L << 20, 16);
        InstanceCgroup busy = cgroups.create(id + "-busy", 64L << 20, 16);
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            for (Path procs : busy.procsFiles()) {
                Files.writeString(procs, Long.toString(sleeper.pid()));
            }

            assertThat(cgroups.removeLeftovers(Duration.ofMinutes(1))).as("nothing is a minute old yet").isZero();
            assertThat(leftover.directories()).allMatch(Files::isDirectory);

            assertThat(cgroups.removeLeftovers(Duration.ZERO)).isGreaterThanOrEqualTo(leftover.directories().size());
            assertThat(leftover.directories()).noneMatch(Files::exists);
            assertThat(busy.directories()).allMatch(Files::isDirectory);
        } finally {
            sleeper.destroyForcibly().waitFor();
            busy.killAll();
            busy.remove();
        }
    }
}
