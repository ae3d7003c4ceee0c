package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Explains why a trivial sandbox failed to start: the cause, named from bubblewrap's (or the launcher's) own
 * error output and the kernel's settings, and the fix; stateless.
 *
 * <p>The texts matched are the ones bubblewrap and the launcher's shell print, for example
 * {@code bwrap: setting up uid map: Permission denied} (AppArmor's user-namespace restriction on Ubuntu 24.04),
 * {@code bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged
 * user namespaces} (user namespaces disabled, or forbidden by a container's seccomp profile),
 * {@code bwrap: Creating new namespace failed, likely because the kernel does not support user namespaces.
 * bwrap must be installed setuid on such systems.} and {@code sh: 1: cannot create …/cgroup.procs: Permission
 * denied} (the cgroup is not delegated to Gust's user).
 */
final class SandboxStartFailure {

    private static final Pattern CGROUP = Pattern.compile("cgroup\\.procs");
    private static final Pattern USER_NAMESPACE_DENIED = Pattern.compile(
            "setting up uid map|setting up gid map|No permissions to creat|RTM_NEWADDR|uid_map|gid_map"
                    + "|(?i:permission denied|operation not permitted)");
    private static final Pattern NO_PERMISSION_FOR_NAMESPACE = Pattern.compile("No permissions to creat");
    private static final Pattern NO_USER_NAMESPACES = Pattern.compile("Creating new namespace failed");
    private static final String OR_NO_SANDBOX =
            "\nOr start Gust with --sandbox=none, which runs functions WITHOUT ANY ISOLATION.";

    private SandboxStartFailure() {
    }

    /**
     * The explanation of a failed start, several lines: what failed with the output, then {@code Cause:} and
     * {@code Fix:}.
     *
     * @param failure what failed, e.g. {@code bubblewrap running /bin/true exited with status 1}
     * @param output the error output of the launcher and bubblewrap
     * @param bubblewrap the bubblewrap executable, named in the fixes
     * @param root whether Gust runs as root
     * @param kernel the kernel's user-namespace settings
     */
    static String explain(String failure, String output, Path bubblewrap, boolean root, KernelSettings kernel) {
        String shown = output.isBlank() ? " (no output)" : ":\n  " + output.strip().replace("\n", "\n  ");
        return "a trivial sandbox could not start: " + failure + shown + "\n" + causeAndFix(output, bubblewrap,
                root, kernel) + OR_NO_SANDBOX;
    }

    private static String causeAndFix(String output, Path bubblewrap, boolean root, KernelSettings kernel) {
        if (CGROUP.matcher(output).find()) {
            return "Cause: Gust cannot move processes into its cgroups: the cgroup it runs in is not delegated to "
                    + "its user.\nFix: start Gust in a delegated cgroup: systemd-run --user --scope -p Delegate=yes "
                    + "./gust server (or a systemd unit with Delegate=yes), or run it as root.";
        }
        if (!root && kernel.apparmorRestricts() && USER_NAMESPACE_DENIED.matcher(output).find()) {
            return "Cause: AppArmor restricts unprivileged user namespaces "
                    + "(kernel.apparmor_restrict_unprivileged_userns=1, the default since Ubuntu 23.10), and "
                    + bubblewrap + " has no AppArmor profile that allows them.\nFix: give bubblewrap a profile: "
                    + "write /etc/apparmor.d/bwrap containing\n"
                    + "  abi <abi/4.0>,\n  include <tunables/global>\n  profile bwrap " + bubblewrap
                    + " flags=(unconfined) {\n    userns,\n    include if exists <local/bwrap>\n  }\n"
                    + "then run: sudo apparmor_parser -r /etc/apparmor.d/bwrap\n"
                    + "Or lift the restriction for every program: sudo sysctl -w "
                    + "kernel.apparmor_restrict_unprivileged_userns=0 (persist it in /etc/sysctl.d/). Or run Gust as "
                    + "root.";
        }
        if (!root && kernel.userNamespacesDisabled() && USER_NAMESPACE_DENIED.matcher(output).find()) {
            String setting = kernel.unprivilegedUserNamespaces().orElse(1) == 0
                    ? "kernel.unprivileged_userns_clone=0" : "user.max_user_namespaces=0";
            String enable = kernel.unprivilegedUserNamespaces().orElse(1) == 0
                    ? "sudo sysctl -w kernel.unprivileged_userns_clone=1"
                    : "sudo sysctl -w user.max_user_namespaces=15000";
            return "Cause: this kernel forbids unprivileged user namespaces (" + setting + "), which bubblewrap "
                    + "needs when it is not setuid root.\nFix: " + enable + " (persist it in /etc/sysctl.d/), or "
                    + "run Gust as root.";
        }
        if (NO_USER_NAMESPACES.matcher(output).find()) {
            return "Cause: this kernel does not support user namespaces, and " + bubblewrap + " is not installed "
                    + "setuid root (bubblewrap needs one or the other).\nFix: run Gust as root, or use a kernel "
                    + "built with CONFIG_USER_NS (a setuid bubblewrap refuses the size of /tmp that Gust sets).";
        }
        if (NO_PERMISSION_FOR_NAMESPACE.matcher(output).find()) {
            return "Cause: creating namespaces is forbidden here although the kernel settings allow it: usually a "
                    + "container's seccomp profile, or a missing CAP_SYS_ADMIN.\nFix: run Gust on the host or in a VM, "
                    + "or run its container with --security-opt seccomp=unconfined (and, as root, --cap-add "
                    + "SYS_ADMIN).";
        }
        return "Cause: not recognised; the output above is bubblewrap's or the launcher's.\nFix: check that "
                + bubblewrap + " can run a command, e.g. " + bubblewrap + " --ro-bind / / --unshare-pid /bin/true.";
    }
}
