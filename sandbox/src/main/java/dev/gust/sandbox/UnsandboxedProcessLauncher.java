package dev.gust.sandbox;

import java.io.File;
import java.io.IOException;

/**
 * Runs each instance as a plain child process, without isolation ({@code --sandbox=none}); thread-safe.
 *
 * <p>The process starts from the spec's environment only, in the task root, with the same cgroup limits as a
 * sandbox when cgroups are available. There is no {@code /var/task}: sandbox paths in the command and the
 * environment are rewritten to host paths ({@link PathTranslation}). {@code /tmp} is the host's, unbounded
 * and shared. A function can read and write whatever Gust's user can.
 */
public final class UnsandboxedProcessLauncher implements Sandbox {

    private final Cgroups cgroups;

    /** A launcher placing instances in {@code cgroups}. */
    public UnsandboxedProcessLauncher(Cgroups cgroups) {
        this.cgroups = cgroups;
    }

    /** A launcher with the probe's cgroups. */
    public static UnsandboxedProcessLauncher create(SandboxProbe probe) {
        return new UnsandboxedProcessLauncher(probe.cgroups());
    }

    @Override
    public SandboxedProcess launch(SandboxSpec spec) throws IOException {
        return launch(spec, null);
    }

    @Override
    public SandboxedProcess launch(SandboxSpec spec, OutputSink output) throws IOException {
        SpecPaths.requireExisting(spec);
        PathTranslation translation = PathTranslation.of(spec);
        InstanceCgroup cgroup = cgroups.create(spec.instanceId(), spec.memoryLimitBytes(), spec.maxProcesses());
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c",
                LimitPreamble.script(cgroup, spec.memoryLimitBytes()), "sh");
        builder.command().addAll(translation.translate(spec.argv()));
        builder.environment().clear();
        builder.environment().putAll(translation.translate(spec.environment()));
        builder.directory(spec.taskRoot().toFile());
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        OutputPipe pipe = Launchers.redirectOutput(builder, spec, output);
        return LaunchedProcess.of(Launchers.startWith(builder, cgroup, pipe), cgroup, pipe);
    }

    @Override
    public SandboxCapabilities capabilities() {
        return new SandboxCapabilities(false, cgroups.enforcing(), false, "NONE: functions run without isolation",
                cgroups.description());
    }
}
