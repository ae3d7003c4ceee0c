package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which control files each cgroup version writes and reads, on a fake cgroupfs. */
class CgroupLimitsTest {

    @TempDir
    Path parent;

    @Test
    void v1WritesMemoryAndPidsLimits() throws IOException {
        Files.createDirectories(parent.resolve("memory"));
        Files.createDirectories(parent.resolve("pids"));
        CgroupV1 cgroups = new CgroupV1(parent.resolve("memory"), parent.resolve("pids"));

        InstanceCgroup instance = cgroups.create("i-1", 64L << 20, 18);

        assertThat(parent.resolve("memory/i-1/memory.limit_in_bytes")).hasContent(Long.toString(64L << 20));
        assertThat(parent.resolve("memory/i-1/memory.memsw.limit_in_bytes")).doesNotExist();
        assertThat(parent.resolve("pids/i-1/pids.max")).hasContent("18");
        assertThat(instance.procsFiles()).containsExactly(parent.resolve("memory/i-1/cgroup.procs"),
                parent.resolve("pids/i-1/cgroup.procs"));
    }

    @Test
    void v1ReadsOutOfMemoryKillsFromOomControlElseFromFailcnt() throws IOException {
        Path memory = Files.createDirectories(parent.resolve("memory"));
        CgroupV1Instance instance = new CgroupV1Instance(memory, null);
        Files.writeString(memory.resolve("memory.failcnt"), "12\n");
        Files.writeString(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");

        assertThat(instance.outOfMemoryKilled()).isFalse();

        Files.writeString(memory.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\n");
        assertThat(instance.outOfMemoryKilled()).isTrue();
    }

    @Test
    void v1ReadsThePeakFromMaxUsage() throws IOException {
        Path memory = Files.createDirectories(parent.resolve("memory"));
        Files.writeString(memory.resolve("memory.max_usage_in_bytes"), "4096\n");

        assertThat(new CgroupV1Instance(memory, null).peakMemoryBytes()).isEqualTo(4096);
        assertThat(new CgroupV1Instance(parent.resolve("gone"), null).peakMemoryBytes()).isEqualTo(-1);
    }

    @Test
    void v2WritesMemoryAndPidsLimits() throws IOException {
        InstanceCgroup instance = new CgroupV2(parent).create("i-1", 64L << 20, 18);

        assertThat(parent.resolve("i-1/memory.max")).hasContent(Long.toString(64L << 20));
        assertThat(parent.resolve("i-1/pids.max")).hasContent("18");
        assertThat(instance.procsFiles()).containsExactly(parent.resolve("i-1/cgroup.procs"));
    }

    @Test
    void v2ReadsOutOfMemoryKillsFromMemoryEvents() throws IOException {
        CgroupV2Instance instance = new CgroupV2Instance(parent);
        Files.writeString(parent.resolve("memory.events"), "low 0\nhigh 0\nmax 7\noom 1\noom_kill 0\n");

        assertThat(instance.outOfMemoryKilled()).isFalse();

        Files.writeString(parent.resolve("memory.events"), "low 0\nhigh 0\nmax 9\noom 2\noom_kill 1\n");
        assertThat(instance.outOfMemoryKilled()).isTrue();
    }

    @Test
    void v2WithoutMemoryPeakRemembersTheLargestCurrentUsageSeen() throws IOException {
        CgroupV2Instance instance = new CgroupV2Instance(parent);
        Files.writeString(parent.resolve("memory.current"), "5000\n");
        assertThat(instance.peakMemoryBytes()).isEqualTo(5000);

        Files.writeString(parent.resolve("memory.current"), "3000\n");
        assertThat(instance.peakMemoryBytes()).isEqualTo(5000);

        Files.writeString(parent.resolve("memory.peak"), "8000\n");
        assertThat(instance.peakMemoryBytes()).isEqualTo(8000);
    }

    @Test
    void aLeftoverEmptyCgroupOfTheSameNameIsReplaced() throws IOException {
        Files.createDirectories(parent.resolve("i-1"));

        new CgroupV2(parent).create("i-1", 1L << 20, 1);

        assertThat(parent.resolve("i-1/pids.max")).hasContent("1");
    }
}
