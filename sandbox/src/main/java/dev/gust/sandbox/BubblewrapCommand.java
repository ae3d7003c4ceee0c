package dev.gust.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the command line and the options of one bubblewrap sandbox; immutable and thread-safe.
 *
 * <p>The options travel through the launcher's stdin ({@code bwrap --args 0}) rather than its argv, so the
 * environment (credentials) does not show in the host's {@code ps}. The function's stdin is therefore at
 * end-of-file.
 *
 * <p>Two modes. <b>Root:</b> bubblewrap runs privileged (it mounts as root, so the code may live below
 * {@code /root}), keeps only {@code CAP_SETUID}, {@code CAP_SETGID} and {@code CAP_SETPCAP}, and the first
 * command inside is {@code setpriv}, which becomes the spec's user with no capabilities and an empty bounding
 * set before it execs the function. <b>Not root:</b> bubblewrap creates a user namespace (mapping the caller to
 * the sandbox uid) and forbids nested ones ({@code --disable-userns}).
 */
final class BubblewrapCommand {

    /** Host name inside every sandbox. */
    static final String HOSTNAME = "localhost";

    private static final List<String> RESERVED = List.of("/var/task", "/var/runtime", "/opt", "/tmp", "/proc",
            "/dev", "/etc");

    private final Path bwrap;
    private final Optional<Path> setpriv;
    private final HostFilesystem host;

    /**
     * @param setpriv {@code setpriv} when Gust runs as root (root mode), empty otherwise
     */
    BubblewrapCommand(Path bwrap, Optional<Path> setpriv, HostFilesystem host) {
        this.bwrap = bwrap;
        this.setpriv = setpriv;
        this.host = host;
    }

    /** Whether bubblewrap runs as root and {@code setpriv} drops the function to the sandbox user. */
    boolean rootMode() {
        return setpriv.isPresent();
    }

    /**
     * The launcher's command line: the limit preamble, then bubblewrap reading its options from stdin; with the spec's
     * own network, bubblewrap starts inside it ({@code nsenter --net=}), so nothing of the instance ever runs in the
     * host's network.
     *
     * @throws IllegalArgumentException for a network namespace not in root mode (joining one needs root)
     */
    List<String> launcher(SandboxSpec spec, String preamble) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", preamble, "sh"));
        if (spec.network() != null) {
            if (!rootMode()) {
                throw new IllegalArgumentException("joining a network namespace needs root: " + spec.network().name());
            }
            command.addAll(List.of(VethNetworks.NSENTER.toString(), "--net=" + spec.network().namespacePath(), "--"));
        }
        command.addAll(List.of(bwrap.toString(), "--args", "0", "--"));
        SandboxUser user = spec.user();
        setpriv.ifPresent(path -> command.addAll(List.of(path.toString(), "--reuid=" + user.uid(),
                "--regid=" + user.gid(), "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--")));
        command.addAll(spec.argv());
        return command;
    }

    /** The options bubblewrap reads from its stdin. */
    List<String> options(SandboxSpec spec) {
        List<String> options = new ArrayList<>(List.of(
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--clearenv", "--hostname", HOSTNAME));
        if (rootMode()) {
            options.addAll(List.of("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID",
                    "--cap-add", "CAP_SETPCAP"));
        } else {
            options.addAll(List.of("--unshare-user", "--disable-userns",
                    "--uid", Integer.toString(spec.user().uid()), "--gid", Integer.toString(spec.user().gid())));
        }
        options.addAll(mounts(spec).args());
        options.addAll(List.of("--remount-ro", "/", "--chdir", "/var/task"));
        new TreeMap<>(spec.environment()).forEach((name, value) -> options.addAll(List.of("--setenv", name, value)));
        return options;
    }

    private MountPlan mounts(SandboxSpec spec) {
        MountPlan plan = new MountPlan();
        host.addTo(plan, spec.user(), spec.network() != null);
        plan.mount("/proc", "--proc").mount("/dev", "--dev")
                .mount("/tmp", "--perms", "1777", "--size", Long.toString(spec.ephemeralStorageBytes()), "--tmpfs");
        plan.readOnly(spec.taskRoot().toString(), "/var/task");
        if (spec.runtimeDir() != null) {
            plan.readOnly(spec.runtimeDir().toString(), "/var/runtime");
        }
        if (spec.optDir() != null) {
            plan.readOnly(spec.optDir().toString(), "/opt");
        }
        for (Path path : spec.readOnlyHostPaths()) {
            String normalized = requireNotReserved(path, "expose");
            if (!host.covers(path)) {
                plan.readOnly(normalized, normalized);
            }
        }
        new TreeMap<>(spec.links()).forEach((link, target) -> plan.symlink(target, requireNotReserved(Path.of(link),
                "link")));
        return plan;
    }

    /** The path normalized, unless it is the root or would hide one of the sandbox's own directories. */
    private static String requireNotReserved(Path path, String action) {
        String normalized = path.normalize().toString();
        if (normalized.equals("/") || RESERVED.stream()
                .anyMatch(reserved -> normalized.equals(reserved) || normalized.startsWith(reserved + "/"))) {
            throw new IllegalArgumentException("cannot " + action + " " + path + ": it would hide " + RESERVED);
        }
        return normalized;
    }

    /** Encodes options as bubblewrap's {@code --args} expects: each followed by a NUL byte. */
    static byte[] encode(List<String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String option : options) {
            out.writeBytes(option.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
