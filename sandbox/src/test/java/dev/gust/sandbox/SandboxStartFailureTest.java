package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The cause and fix named for the error texts bubblewrap and the launcher's shell really print. */
class SandboxStartFailureTest {

    private static final Path BWRAP = Path.of("/usr/bin/bwrap");
    private static final KernelSettings UBUNTU_24_04 =
            new KernelSettings(OptionalLong.of(1), OptionalLong.of(1), OptionalLong.of(63_000));
    private static final KernelSettings PERMISSIVE =
            new KernelSettings(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(63_000));

    private static String explain(String output, boolean root, KernelSettings kernel) {
        return SandboxStartFailure.explain("/bin/true in a sandbox ended with exit status 1", output, BWRAP, root,
                kernel);
    }

    @Test
    void namesAppArmorsUserNamespaceRestrictionAndItsProfile() {
        String message = explain("bwrap: setting up uid map: Permission denied\n", false, UBUNTU_24_04);

        assertThat(message).contains("bwrap: setting up uid map: Permission denied")
                .contains("kernel.apparmor_restrict_unprivileged_userns=1")
                .contains("profile bwrap /usr/bin/bwrap flags=(unconfined)").contains("userns,")
                .contains("sudo apparmor_parser -r /etc/apparmor.d/bwrap")
                .contains("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0")
                .contains("--sandbox=none");
    }

    @Test
    void namesAppArmorForTheLoopbackFailureOfANetworkNamespaceToo() {
        assertThat(explain("bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted", false, UBUNTU_24_04))
                .contains("AppArmor restricts unprivileged user namespaces");
    }

    @Test
    void namesDisabledUserNamespacesAndTheSettingToChange() {
        KernelSettings debianOff = new KernelSettings(OptionalLong.empty(), OptionalLong.of(0), OptionalLong.of(63_000));
        KernelSettings noneAllowed = new KernelSettings(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.of(0));
        String output = "bwrap: No permissions to create new namespace, likely because the kernel does not allow "
                + "non-privileged user namespaces. On e.g. debian this can be enabled with "
                + "'sysctl kernel.unprivileged_userns_clone=1'.";

        assertThat(explain(output, false, debianOff)).contains("kernel.unprivileged_userns_clone=0")
                .contains("sudo sysctl -w kernel.unprivileged_userns_clone=1");
        assertThat(explain(output, false, noneAllowed)).contains("user.max_user_namespaces=0")
                .contains("sudo sysctl -w user.max_user_namespaces=15000");
    }

    @Test
    void namesAMissingSetuidBitOnAKernelWithoutUserNamespaces() {
        String output = "bwrap: Creating new namespace failed, likely because the kernel does not support user "
                + "namespaces.  bwrap must be installed setuid on such systems.";

        assertThat(explain(output, false, PERMISSIVE)).contains("does not support user namespaces")
                .contains("is not installed setuid root").contains("run Gust as root");
    }

    @Test
    void namesAContainersSeccompProfileWhenTheKernelAllowsNamespaces() {
        assertThat(explain("bwrap: No permissions to create a new namespace", false, PERMISSIVE))
                .contains("container's seccomp profile").contains("--security-opt seccomp=unconfined");
    }

    @Test
    void namesAMissingCgroupDelegationAndSystemdRun() {
        String output = "sh: 1: cannot create '/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope/gust/"
                + "gust-sandbox-check-42/cgroup.procs': Permission denied";

        assertThat(explain(output, false, UBUNTU_24_04)).contains("not delegated")
                .contains("systemd-run --user --scope -p Delegate=yes ./gust server").contains("Delegate=yes");
    }

    @Test
    void aRootServerIsNotToldAboutUnprivilegedUserNamespaces() {
        assertThat(explain("bwrap: setting up uid map: Permission denied", true, UBUNTU_24_04))
                .doesNotContain("AppArmor").contains("Cause: not recognised")
                .contains("/usr/bin/bwrap --ro-bind / / --unshare-pid /bin/true");
    }

    @Test
    void showsEveryLineOfTheOutputIndented() {
        assertThat(explain("line one\nline two\n", false, PERMISSIVE))
                .startsWith("a trivial sandbox could not start: /bin/true in a sandbox ended with exit status 1:\n"
                        + "  line one\n  line two\nCause:");
        assertThat(explain("", false, PERMISSIVE)).contains("exit status 1 (no output)\nCause:");
    }
}
