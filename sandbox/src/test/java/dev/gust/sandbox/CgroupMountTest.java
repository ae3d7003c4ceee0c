package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CgroupMountTest {

    @Test
    void parsesV1AndV2MountsAndIgnoresOthers() {
        List<CgroupMount> mounts = CgroupMount.parse(List.of(
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory",
                "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate"));

        assertThat(mounts).containsExactly(
                new CgroupMount("/", "/sys/fs/cgroup/memory", 1, Set.of("rw", "memory")),
                new CgroupMount("/", "/sys/fs/cgroup/cpu,cpuacct", 1, Set.of("rw", "cpu", "cpuacct")),
                new CgroupMount("/", "/sys/fs/cgroup/unified", 2, Set.of()));
    }

    @Test
    void unescapesOctalSequencesInPaths() {
        List<CgroupMount> mounts = CgroupMount.parse(List.of(
                "41 31 0:38 / /mnt/my\\040cgroups rw - cgroup2 cgroup2 rw"));

        assertThat(mounts.getFirst().mountPoint()).isEqualTo("/mnt/my cgroups");
    }

    @Test
    void mapsACgroupPathToItsDirectoryBelowTheMount() {
        CgroupMount host = new CgroupMount("/", "/sys/fs/cgroup/memory", 1, Set.of("memory"));
        CgroupMount container = new CgroupMount("/docker/abc", "/sys/fs/cgroup/memory", 1, Set.of("memory"));

        assertThat(host.directoryOf("/process_api/x")).isEqualTo("/sys/fs/cgroup/memory/process_api/x");
        assertThat(host.directoryOf("/")).isEqualTo("/sys/fs/cgroup/memory");
        assertThat(container.directoryOf("/docker/abc")).isEqualTo("/sys/fs/cgroup/memory");
        assertThat(container.directoryOf("/docker/abc/sub")).isEqualTo("/sys/fs/cgroup/memory/sub");
        assertThat(container.directoryOf("/elsewhere")).isEqualTo("/sys/fs/cgroup/memory");
    }
}
