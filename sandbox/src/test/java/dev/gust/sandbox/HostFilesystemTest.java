package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostFilesystemTest {

    @TempDir
    Path root;

    @Test
    void mirrorsMergedUsrSymlinksAndBindsOnlyExistingEtcFiles() throws IOException {
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createSymbolicLink(root.resolve("bin"), Path.of("usr/bin"));
        Files.createDirectories(root.resolve("lib64"));
        Files.createDirectories(root.resolve("etc/ssl/certs"));
        Files.createDirectories(root.resolve("etc/ssl/private"));
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost");
        Files.writeString(root.resolve("etc/shadow"), "root:x");

        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/bash");
        Path accounts = root.resolve("accounts");

        MountPlan plan = new MountPlan();
        HostFilesystem.of(root, new SandboxAccounts(accounts)).addTo(plan, new SandboxUser(1_000_000_007, 1_000_000_007));

        assertThat(plan.args()).containsExactly(
                "--dir", "/etc",
                "--ro-bind", "/usr", "/usr",
                "--symlink", "usr/bin", "/bin",
                "--ro-bind", "/lib64", "/lib64",
                "--ro-bind", "/etc/hosts", "/etc/hosts",
                "--dir", "/etc/ssl", "--ro-bind", "/etc/ssl/certs", "/etc/ssl/certs",
                "--ro-bind", accounts + "/1000000007-1000000007/passwd", "/etc/passwd",
                "--ro-bind", accounts + "/1000000007-1000000007/group", "/etc/group");
    }

    @Test
    void pathsBelowBoundSystemDirectoriesAreCovered() throws IOException {
        Files.createDirectories(root.resolve("lib64"));
        HostFilesystem host = HostFilesystem.of(root);

        assertThat(host.covers(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"))).isTrue();
        assertThat(host.covers(Path.of("/lib64/ld-linux-x86-64.so.2"))).isTrue();
        assertThat(host.covers(Path.of("/usrlocal/jdk"))).isFalse();
        assertThat(host.covers(Path.of("/etc/hosts"))).isFalse();
        assertThat(host.covers(Path.of("/opt/jdk"))).isFalse();
    }

    @Test
    void anInstanceWithItsOwnNetworkGetsSystemdResolvedsUpstreamServersWhenTheHostNamesOnlyItsLoopback()
            throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/resolv.conf"), "# stub\nnameserver 127.0.0.53\noptions edns0\n");
        Files.createDirectories(root.resolve("run/systemd/resolve"));
        Files.writeString(root.resolve("run/systemd/resolve/resolv.conf"), "nameserver 192.0.2.53\n");
        HostFilesystem host = HostFilesystem.of(root, new SandboxAccounts(root.resolve("accounts")));
        SandboxUser user = new SandboxUser(1_000_000_007, 1_000_000_007);

        MountPlan own = new MountPlan();
        host.addTo(own, user, true);
        MountPlan shared = new MountPlan();
        host.addTo(shared, user, false);

        assertThat(String.join(" ", own.args())).contains("--ro-bind /run/systemd/resolve/resolv.conf /etc/resolv.conf");
        assertThat(String.join(" ", shared.args())).contains("--ro-bind /etc/resolv.conf /etc/resolv.conf");
    }

    @Test
    void aHostResolverOffLoopbackOrNoUpstreamListKeepsTheHostsResolvConf() throws IOException {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 10.255.255.53\n");
        Files.createDirectories(root.resolve("run/systemd/resolve"));
        Files.writeString(root.resolve("run/systemd/resolve/resolv.conf"), "nameserver 192.0.2.53\n");
        assertThat(ResolverConfig.forOwnNetwork(root)).isEmpty();

        Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 127.0.0.53\n");
        Files.writeString(root.resolve("run/systemd/resolve/resolv.conf"), "nameserver 127.0.0.1\n");
        assertThat(ResolverConfig.forOwnNetwork(root)).isEmpty();
    }
}
