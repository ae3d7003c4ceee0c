package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection on fake host file systems: the kernel's cgroupfs semantics are covered by the ITs. */
class CgroupProbeTest {

    @TempDir
    Path root;

    private void write(String path, String content) {
        FakeFiles.write(root, path, content);
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    @Test
    void hybridHostWithV1ControllersUsesV1NestedInTheOwnCgroups() throws IOException {
        write("proc/self/mountinfo", """
                35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
                41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """);
        write("proc/self/cgroup", "8:pids:/\n4:memory:/process_api/abc\n0::/\n");
        write("sys/fs/cgroup/unified/cgroup.controllers", "hugetlb\n");

        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups).isInstanceOf(CgroupV1.class);
        assertThat(cgroups.enforcing()).isTrue();
        assertThat(cgroups.description()).startsWith("cgroup v1 (memory, pids) under ")
                .endsWith("sys/fs/cgroup/memory/process_api/abc/gust");
        assertThat(root.resolve("sys/fs/cgroup/pids/gust")).isDirectory();
    }

    @Test
    void v1WithoutPidsControllerSaysTheProcessLimitIsNotEnforced() throws IOException {
        write("proc/self/mountinfo", "35 31 0:32 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory\n");
        write("proc/self/cgroup", "4:memory:/\n");

        assertThat(new CgroupProbe(root).detect().description())
                .startsWith("cgroup v1 (memory; no pids controller: process limit not enforced)");
    }

    @Test
    void v2WithDelegatedControllersNestsGustInTheOwnCgroup() throws IOException {
        write("proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n");
        write("proc/self/cgroup", "0::/system.slice/gust.service\n");
        write("sys/fs/cgroup/system.slice/gust.service/cgroup.controllers", "cpu memory pids\n");
        write("sys/fs/cgroup/system.slice/gust.service/cgroup.subtree_control", "memory pids\n");

        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups).isInstanceOf(CgroupV2.class);
        assertThat(cgroups.description()).endsWith("sys/fs/cgroup/system.slice/gust.service/gust");
        assertThat(read("sys/fs/cgroup/system.slice/gust.service/gust/cgroup.subtree_control"))
                .isEqualTo("+memory +pids");
    }

    @Test
    void v2AsRootOnAHostUsesTheHierarchyRoot() throws IOException {
        write("proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        write("proc/self/cgroup", "0::/user.slice/session-1.scope\n");
        write("sys/fs/cgroup/user.slice/session-1.scope/cgroup.controllers", "memory pids\n");
        write("sys/fs/cgroup/user.slice/session-1.scope/cgroup.subtree_control", "\n");

        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups.description()).endsWith("sys/fs/cgroup/gust");
        assertThat(read("sys/fs/cgroup/gust/cgroup.subtree_control")).isEqualTo("+memory +pids");
    }

    @Test
    void v2InAContainerMovesItsProcessesAsideToDelegate() throws IOException {
        write("proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        write("proc/self/cgroup", "0::/\n");
        write("sys/fs/cgroup/cgroup.controllers", "memory pids\n");
        write("sys/fs/cgroup/cgroup.procs", ProcessHandle.current().pid() + "\n");

        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups.description()).endsWith("sys/fs/cgroup/gust");
        assertThat(read("sys/fs/cgroup/gust-server/cgroup.procs")).isEqualTo(
                Long.toString(ProcessHandle.current().pid()));
        assertThat(read("sys/fs/cgroup/cgroup.subtree_control")).isEqualTo("+memory +pids");
    }

    @Test
    void v2WithoutMemoryControllerAndNoV1MeansNoCgroups() throws IOException {
        write("proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        write("proc/self/cgroup", "0::/\n");
        write("sys/fs/cgroup/cgroup.controllers", "cpu io\n");

        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups.enforcing()).isFalse();
        assertThat(cgroups.description()).startsWith("no cgroups (cgroup v2 without the memory and pids controllers)");
    }

    private static final String SCOPE = "sys/fs/cgroup/user.slice/user-1000.slice/user@1000.service/app.slice/"
            + "run-u42.scope";

    private void scopeHoldingThisProcess() throws IOException {
        write("proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n");
        write("proc/self/cgroup", "0::/" + SCOPE.substring("sys/fs/cgroup/".length()) + "\n");
        write(SCOPE + "/cgroup.controllers", "memory pids\n");
        write(SCOPE + "/cgroup.subtree_control", "\n");
        write(SCOPE + "/cgroup.procs", ProcessHandle.current().pid() + "\n");
    }

    @Test
    void v2InADelegatedScopeMovesItsOwnProcessesIntoALeafAndNestsGustBesideIt() throws IOException {
        scopeHoldingThisProcess();
        Files.getFileAttributeView(root.resolve(SCOPE), UserDefinedFileAttributeView.class)
                .write("delegate", ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));

        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups).isInstanceOf(CgroupV2.class);
        assertThat(cgroups.description()).endsWith(SCOPE + "/gust");
        assertThat(read(SCOPE + "/gust-server/cgroup.procs")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(read(SCOPE + "/cgroup.subtree_control")).isEqualTo("+memory +pids");
        assertThat(read(SCOPE + "/gust/cgroup.subtree_control")).isEqualTo("+memory +pids");
        assertThat(root.resolve("sys/fs/cgroup/gust")).doesNotExist();
    }

    @Test
    void v2InAScopeThatIsNotDelegatedLeavesItsProcessesAloneAndSaysHowToDelegate() throws IOException {
        scopeHoldingThisProcess();
        write("sys/fs/cgroup/gust", "not a directory: the hierarchy root is not writable for Gust");

        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups.enforcing()).isFalse();
        assertThat(cgroups.description()).contains("run-u42.scope is not delegated to Gust")
                .contains("systemd-run --user --scope -p Delegate=yes ./gust server");
        assertThat(root.resolve(SCOPE + "/gust-server")).doesNotExist();
        assertThat(read(SCOPE + "/cgroup.subtree_control")).isEqualTo("\n");
    }

    @Test
    void unreadableProcMeansNoCgroups() {
        Cgroups cgroups = new CgroupProbe(root).detect();

        assertThat(cgroups.enforcing()).isFalse();
        assertThat(cgroups.description()).startsWith("no cgroups (cgroups unavailable: ");
    }
}
