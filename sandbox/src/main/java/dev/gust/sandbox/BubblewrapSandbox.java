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
 * <p>A sandbox has its own PID, IPC, UTS and cgroup namespaces; its network is the spec's own namespace
 * ({@link SandboxSpec#network()}, joined with {@code nsenter} before bubblewrap starts, root mode only) or else the
 * host's. It sees {@code /usr}, a minimal {@code /etc}, its
 * code at {@code /var/task}, {@code /var/runtime} and {@code /opt} read-only, a private size-bounded
 * {@code /tmp}, and nothing else of the host. Processes run as the spec's {@link SandboxUser}. Details and the threat
 * model: {@code docs/design/sandbox.md}.
 */
public final class BubblewrapSandbox implements Sandbox {

    /** Processes of the sandbox itself counted by the pids limit: bubblewrap and the namespace's init. */
    static final int LAUNCHER_PROCESSES = 2;

    private final Bubblewrap bubblewrap;
    private final Cgroups cgroups;
    private final BubblewrapCommand command;

    private BubblewrapSandbox(Bubblewrap bubblewrap, Cgroups cgroups, BubblewrapCommand command) {
        this.bubblewrap = bubblewrap;
        this.cgroups = cgroups;
        this.command = command;
    }

    /**
     * A sandbox with the probe's cgroups, running each function as its spec's user.
     *
     * @throws IllegalStateException without bubblewrap, or as root without {@code setpriv}
     */
    public static BubblewrapSandbox create(SandboxProbe probe) {
        Bubblewrap bubblewrap = probe.bubblewrap().orElseThrow(() -> new IllegalStateException(
                "bubblewrap (bwrap) not found: install it (Debian, Ubuntu: apt install bubblewrap) "
                        + "or run without isolation (--sandbox=none)"));
        Optional<Path> setpriv = Optional.empty();
        if (probe.root()) {
            setpriv = Optional.of(probe.setpriv().orElseThrow(() -> new IllegalStateException(
                    "running as root needs /usr/bin/setpriv (util-linux) to run functions as unprivileged users")));
        }
        BubblewrapCommand command = new BubblewrapCommand(bubblewrap.executable(), setpriv,
                HostFilesystem.of(Path.of("/")));
        return new BubblewrapSandbox(bubblewrap, probe.cgroups(), command);
    }

    @Override
    public SandboxedProcess launch(SandboxSpec spec) throws IOException {
        return launch(spec, (OutputSink) null);
    }

    @Override
    public SandboxedProcess launch(SandboxSpec spec, OutputSink output) throws IOException {
        SpecPaths.requireExisting(spec);
        List<String> options = command.options(spec);
        InstanceCgroup cgroup = cgroups.create(spec.instanceId(), spec.memoryLimitBytes(),
                spec.maxProcesses() + LAUNCHER_PROCESSES);
        ProcessBuilder builder = new ProcessBuilder(
                command.launcher(spec, LimitPreamble.script(cgroup, spec.memoryLimitBytes())));
        builder.environment().clear();
        OutputPipe pipe = Launchers.redirectOutput(builder, spec, output);
        Process process = Launchers.startWith(builder, cgroup, pipe);
        LaunchedProcess launched = LaunchedProcess.of(process, cgroup, pipe);
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(BubblewrapCommand.encode(options));
        } catch (IOException e) {
            // The launcher died before reading its options (its limits failed): its exit status and stderr say why.
        }
        return launched;
    }

    @Override
    public SandboxCapabilities capabilities() {
        String users = command.rootMode()
                ? "each instance runs as its own host uid (root, setpriv)"
                : "functions run as Gust's host uid (user namespace)";
        return new SandboxCapabilities(true, cgroups.enforcing(), command.rootMode(),
                "bubblewrap " + bubblewrap.version() + ", " + users, cgroups.description());
    }
}
