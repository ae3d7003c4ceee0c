package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BubblewrapCommandTest {

    private static final Path BWRAP = Path.of("/usr/bin/bwrap");

    @TempDir
    Path hostRoot;

    private BubblewrapCommand command(boolean root) {
        return new BubblewrapCommand(BWRAP, root ? Optional.of(Path.of("/usr/bin/setpriv")) : Optional.empty(), HostFilesystem.of(hostRoot));
    }

    private static SandboxSpec.Builder spec() {
        return SandboxSpec.builder("i-1", Path.of("/data/code/abc")).argv("/var/runtime/bootstrap", "--flag");
    }

    @Test
    void asRootBubblewrapKeepsOnlyWhatSetprivNeedsToDropToTheSandboxUser() {
        BubblewrapCommand command = command(true);
        SandboxSpec spec = spec().build();

        assertThat(command.launcher(spec, "exec \"$@\"")).containsExactly("/bin/sh", "-c", "exec \"$@\"", "sh",
                "/usr/bin/bwrap", "--args", "0", "--", "/usr/bin/setpriv", "--reuid=993", "--regid=990",
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--", "/var/runtime/bootstrap", "--flag");
        assertThat(String.join(" ", command.options(spec)))
                .contains("--cap-drop ALL --cap-add CAP_SETUID --cap-add CAP_SETGID --cap-add CAP_SETPCAP")
                .doesNotContain("--unshare-user");
    }

    @Test
    void anInstanceWithItsOwnNetworkStartsBubblewrapInsideItsNamespace() {
        SandboxSpec spec = spec().network(VethNetworks.network(7)).build();

        assertThat(command(true).launcher(spec, "x")).containsSubsequence("sh", "/usr/bin/nsenter",
                "--net=/run/netns/gsi7", "--", "/usr/bin/bwrap", "--args", "0");
        assertThat(command(true).launcher(spec().build(), "x")).doesNotContain("/usr/bin/nsenter");
        assertThat(String.join(" ", command(true).options(spec))).doesNotContain("--unshare-net");
        assertThatThrownBy(() -> command(false).launcher(spec, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs root");
    }

    @Test
    void slotsNameTheirNetworksAndTakeTwoAddressesEachFromTheBenchmarkingRange() {
        assertThat(VethNetworks.network(0)).isEqualTo(new InstanceNetwork("gsi0", "198.18.0.0", "198.18.0.1"));
        assertThat(VethNetworks.network(200)).isEqualTo(new InstanceNetwork("gsi200", "198.18.1.144", "198.18.1.145"));
        assertThat(VethNetworks.network(65_535))
                .isEqualTo(new InstanceNetwork("gsi65535", "198.19.255.254", "198.19.255.255"));
        assertThatThrownBy(() -> VethNetworks.network(65_536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void asRootSetprivBecomesTheUserOfTheSpec() {
        SandboxSpec spec = spec().user(new SandboxUser(1_000_000_007, 1_000_000_007)).build();

        assertThat(command(true).launcher(spec, "x")).contains("--reuid=1000000007", "--regid=1000000007");
    }

    @Test
    void asAnotherUserBubblewrapMapsItToTheSandboxUserInAUserNamespace() {
        BubblewrapCommand command = command(false);
        SandboxSpec spec = spec().build();

        assertThat(command.launcher(spec, "x")).endsWith("/usr/bin/bwrap", "--args", "0", "--",
                "/var/runtime/bootstrap", "--flag");
        assertThat(String.join(" ", command.options(spec)))
                .contains("--unshare-user --disable-userns --uid 993 --gid 990").doesNotContain("--cap-");
    }

    @Test
    void unsharesEverythingButTheNetwork() {
        List<String> options = command(true).options(spec().build());

        assertThat(options).contains("--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--clearenv").doesNotContain("--unshare-net", "--share-net");
        assertThat(String.join(" ", options)).contains("--hostname localhost");
    }

    @Test
    void environmentTravelsInTheOptionsNotOnTheCommandLine() {
        BubblewrapCommand command = command(true);
        SandboxSpec spec = spec().env("SECRET", "s3cr3t").env("A", "x y").build();

        assertThat(command.launcher(spec, "x")).noneMatch(word -> word.contains("s3cr3t"));
        assertThat(String.join(" ", command.options(spec))).endsWith(
                "--chdir /var/task --setenv A x y --setenv SECRET s3cr3t");
    }

    @Test
    void mountsCodeReadOnlyAndAPrivateSizedTmp() {
        SandboxSpec spec = spec().runtimeDir(Path.of("/data/runtimes/python3.12")).optDir(Path.of("/data/layers/x"))
                .ephemeralStorageMb(10).build();

        String options = String.join(" ", command(true).options(spec));

        assertThat(options).contains("--proc /proc --dev /dev --perms 1777 --size 10485760 --tmpfs /tmp",
                "--dir /var --ro-bind /data/code/abc /var/task",
                "--ro-bind /data/runtimes/python3.12 /var/runtime", "--ro-bind /data/layers/x /opt",
                "--remount-ro / --chdir /var/task");
    }

    @Test
    void exposesExtraHostPathsAtTheSamePathUnlessAlreadyVisible() {
        SandboxSpec spec = spec().readOnlyHostPaths(Path.of("/usr/lib/jvm/jdk-25"), Path.of("/srv/jdk-25")).build();

        String options = String.join(" ", command(true).options(spec));

        assertThat(options).contains("--dir /srv --ro-bind /srv/jdk-25 /srv/jdk-25")
                .doesNotContain("--ro-bind /usr/lib/jvm/jdk-25");
    }

    @Test
    void refusesExtraPathsThatWouldHideTheSandboxsOwnMounts() {
        for (String path : List.of("/", "/var/task", "/opt/x", "/tmp", "/etc/ssl")) {
            SandboxSpec spec = spec().readOnlyHostPaths(Path.of(path)).build();

            assertThatThrownBy(() -> command(true).options(spec)).as(path)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void encodesEachOptionFollowedByNul() {
        byte[] encoded = BubblewrapCommand.encode(List.of("--setenv", "A", "x\ny"));

        assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo("--setenv\0A\0x\ny\0");
        assertThat(Collections.frequency(List.of(new String(encoded, StandardCharsets.UTF_8).split("")), "\0"))
                .isEqualTo(3);
    }

    @Test
    void createsTheSpecsLinksInTheSandboxRootButNoneThatWouldHideItsOwnDirectories() {
        SandboxSpec spec = spec().link("/node_modules", "/var/runtime/node_modules")
                .link("/var/node_modules", "/opt/nodejs/node_modules").build();

        assertThat(String.join(" ", command(false).options(spec)))
                .contains("--symlink /var/runtime/node_modules /node_modules")
                .contains("--symlink /opt/nodejs/node_modules /var/node_modules");
        assertThatThrownBy(() -> command(false).options(spec().link("/var/task/x", "/tmp").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot link /var/task/x");
    }
}
