package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The v2 delegation algorithm on the kernel's real cgroup2 file system: a scope like the one
 * {@code systemd-run --user --scope -p Delegate=yes} creates, holding a stand-in server process, below a test
 * subtree of this host's cgroup2 hierarchy.
 *
 * <p>Where memory and pids are bound to cgroup v1 (this machine: a hybrid host whose cgroup2 hierarchy offers only
 * {@code hugetlb}), the test stands in the first controller the hierarchy offers: the kernel's rules checked here
 * (no internal processes, moving processes, enabling controllers for children, extended attributes) are the same
 * for every domain controller. Needs root, to make cgroups in the hierarchy.
 */
class CgroupV2DelegationIT {

    private static final String SCOPE = "user.slice/user-1000.slice/user@1000.service/app.slice/run-u42.scope";

    @TempDir
    Path fakeRoot;

    private Path base;
    private Path scope;
    private String controller;
    private Process server;
    private boolean enabledAtTheRoot;
    private Path hierarchy;

    @BeforeEach
    void scopeHoldingAStandInServer() throws IOException {
        Optional<CgroupMount> v2 = CgroupMount.parse(Files.readAllLines(Path.of("/proc/self/mountinfo"))).stream()
                .filter(mount -> mount.version() == 2).findFirst();
        assumeTrue(v2.isPresent() && SandboxProbe.detect().root(), "needs root and a cgroup2 mount");
        hierarchy = Path.of(v2.get().mountPoint());
        List<String> offered = List.of(Files.readString(hierarchy.resolve("cgroup.controllers")).trim().split("\\s+"));
        assumeTrue(!offered.getFirst().isEmpty(), "needs a controller in the cgroup2 hierarchy");
        controller = offered.contains("memory") ? "memory" : offered.getFirst();
        if (!Files.readString(hierarchy.resolve("cgroup.subtree_control")).contains(controller)) {
            CgroupFiles.write(hierarchy.resolve("cgroup.subtree_control"), "+" + controller);
            enabledAtTheRoot = true;
        }
        base = hierarchy.resolve("gust-delegation-it-" + ProcessHandle.current().pid());
        scope = base.resolve(SCOPE);
        Path level = base;
        Files.createDirectories(level);
        for (String name : SCOPE.split("/")) {
            CgroupFiles.write(level.resolve("cgroup.subtree_control"), "+" + controller);
            level = level.resolve(name);
            Files.createDirectories(level);
        }
        server = new ProcessBuilder("sleep", "300").start();
        CgroupFiles.write(scope.resolve("cgroup.procs"), Long.toString(server.pid()));
        FakeFiles.write(fakeRoot, "proc/self/mountinfo", "30 23 0:26 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
        FakeFiles.write(fakeRoot, "proc/self/cgroup", "0::/" + SCOPE + "\n");
        Files.createDirectories(fakeRoot.resolve("sys/fs"));
        Files.createSymbolicLink(fakeRoot.resolve("sys/fs/cgroup"), base);
    }

    @AfterEach
    void removeTheTestSubtree() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        if (base != null && Files.isDirectory(base)) {
            List<Path> directories = new ArrayList<>();
            try (var walk = Files.walk(base)) {
                walk.filter(Files::isDirectory).forEach(directories::add);
            }
            for (Path directory : directories.reversed()) {
                CgroupFiles.remove(directory);
            }
        }
        if (enabledAtTheRoot) {
            CgroupFiles.write(hierarchy.resolve("cgroup.subtree_control"), "-" + controller);
        }
    }

    private String serverCgroup() throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "cgroup")).stream()
                .filter(line -> line.startsWith("0::")).findFirst().orElseThrow();
    }

    @Test
    void aDelegatedScopeGetsItsServerMovedIntoALeafAndGustBesideIt() throws IOException {
        Files.getFileAttributeView(scope, UserDefinedFileAttributeView.class)
                .write("delegate", ByteBuffer.wrap("1".getBytes(StandardCharsets.US_ASCII)));
        assertThat(CgroupDelegation.marked(scope)).isTrue();

        Cgroups cgroups = new CgroupProbe(fakeRoot, List.of(controller)).detect();

        assertThat(cgroups).isInstanceOf(CgroupV2.class);
        assertThat(cgroups.description()).endsWith(SCOPE + "/gust");
        assertThat(serverCgroup()).endsWith(SCOPE + "/gust-server");
        assertThat(Files.readString(scope.resolve("cgroup.subtree_control"))).contains(controller);
        assertThat(Files.readString(scope.resolve("gust/cgroup.subtree_control"))).contains(controller);
        assertThat(Files.readString(scope.resolve("gust/cgroup.controllers"))).contains(controller);
    }

    @Test
    void aScopeThatIsNotDelegatedKeepsItsProcessesWhereTheyAre() throws IOException {
        assertThat(CgroupDelegation.marked(scope)).isFalse();

        Cgroups cgroups = new CgroupProbe(fakeRoot, List.of(controller)).detect();

        // as root, the writable hierarchy root is used instead; the scope is untouched
        assertThat(cgroups.description()).endsWith("/gust");
        assertThat(serverCgroup()).endsWith(SCOPE);
        assertThat(scope.resolve("gust-server")).doesNotExist();
        // and this is why a scope holding processes needs the leaf: the kernel refuses its children a controller
        assertThatThrownBy(() -> CgroupFiles.write(scope.resolve("cgroup.subtree_control"), "+" + controller))
                .isInstanceOf(IOException.class);
    }
}
