package dev.gust.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs each instance in its own bubblewrap sandbox, inside its own cgroups; thread-safe, stateless between
 * launches.
 *
 * <p>A sandbox has its own PID, IPC, UTS and cgroup namespaces and shares the host's network (functions reach
 * the network and the Runtime API on the host's loopback). It sees {@code /usr}, a minimal {@code /etc}, its
 * code at {@code /var/task}, {@code /var/runtime} and {@code /opt} read-only, a private size-bounded
 * {@code /tmp}, and nothing else of the host. Processes run as the {@link SandboxUser}. Details and the threat
 * model: {@code docs/design/sandbox.md}.
 */
public final class BubblewrapSandbox implements Sandbox {

    /** Processes of the sandbox itself counted by the pids limit: bubblewrap and the namespace's init. */
    static final int LAUNCHER_PROCESSES = 2;

    private final Bubblewrap bubblewrap;
    private final Cgroups cgroups;
    private final BubblewrapCommand command;
    private final SandboxUser user;

    private BubblewrapSandbox(Bubblewrap bubblewrap, Cgroups cgroups, BubblewrapCommand command, SandboxUser user) {
        this.bubblewrap = bubblewrap;
        this.cgroups = cgroups;
        this.command = command;
        this.user = user;
    }

    /** A sandbox running functions as Lambda's uid 993, with the probe's cgroups. */
    public static BubblewrapSandbox create(SandboxProbe probe) {
        return create(probe, SandboxUser.LAMBDA);
    }

    /**
     * A sandbox running functions as {@code user}, with the probe's cgroups.
     *
     * @throws IllegalStateException without bubblewrap, or as root without {@code setpriv}
     */
    public static BubblewrapSandbox create(SandboxProbe probe, SandboxUser user) {
        Bubblewrap bubblewrap = probe.bubblewrap().orElseThrow(() -> new IllegalStateException(
                "bubblewrap (bwrap) not found: install it (Debian, Ubuntu: apt install bubblewrap) "
                        + "or run without isolation (--sandbox=none)"));
        Optional<Path> setpriv = Optional.empty();
        if (probe.root()) {
            setpriv = Optional.of(probe.setpriv().orElseThrow(() -> new IllegalStateException(
                    "running as root needs /usr/bin/setpriv (util-linux) to run functions as uid " + user.uid())));
        }
        BubblewrapCommand command = new BubblewrapCommand(bubblewrap.executable(), user, setpriv,
                HostFilesystem.of(Path.of("/")));
        return new BubblewrapSandbox(bubblewrap, probe.cgroups(), command, user);
    }

    @Override
    public SandboxedProcess launch(SandboxSpec spec) throws IOException {
        SpecPaths.requireExisting(spec);
        List<String> options = command.options(spec);
        InstanceCgroup cgroup = cgroups.create(spec.instanceId(), spec.memoryLimitBytes(),
                spec.maxProcesses() + LAUNCHER_PROCESSES);
        ProcessBuilder builder = new ProcessBuilder(
                command.launcher(spec, LimitPreamble.script(cgroup, spec.memoryLimitBytes())));
        builder.environment().clear();
        Process process = Launchers.start(builder, cgroup);
        LaunchedProcess launched = LaunchedProcess.of(process, cgroup);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(BubblewrapCommand.encode(options));
        } catch (IOException e) {
            // The launcher died before reading its options (its limits failed): its exit status and stderr say why.
        }
        return launched;
    }

    @Override
    public SandboxCapabilities capabilities() {
        String mode = command.rootMode() ? " (root, setpriv)" : " (user namespace)";
        return new SandboxCapabilities(true, cgroups.enforcing(),
                "bubblewrap " + bubblewrap.version() + ", functions run as uid " + user.uid() + mode,
                cgroups.description());
    }
}
