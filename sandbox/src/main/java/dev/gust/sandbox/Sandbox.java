package dev.gust.sandbox;

import java.io.IOException;

/**
 * Starts instances, each one process tree in its own sandbox with its own limits; implementations are
 * thread-safe and keep no per-instance state.
 *
 * <p>Implementations: {@link BubblewrapSandbox} (the default) and {@link UnsandboxedProcessLauncher}
 * ({@code --sandbox=none}). Create one per server from a {@link SandboxProbe}.
 */
public interface Sandbox {

    /**
     * Starts the spec's command in a new sandbox and returns as soon as the process exists.
     *
     * <p>Failures inside the sandbox after the process started (a missing executable, a mount that bubblewrap
     * cannot make) are not thrown: the process exits with a non-zero status and explains on stderr.
     *
     * @throws IOException when the process or its cgroup could not be created, or a host path of the spec
     *     does not exist
     */
    SandboxedProcess launch(SandboxSpec spec) throws IOException;

    /**
     * Starts the spec's command like {@link #launch(SandboxSpec)}, with its stdout and stderr written into a pipe
     * that Gust reads into {@code output} (the spec's output file, if any, is not used): the function can only
     * append to its output. {@link SandboxedProcess#drainOutput()} takes what the pipe holds at once. This default
     * ignores {@code output}, for sandboxes that keep no output (test fakes).
     */
    default SandboxedProcess launch(SandboxSpec spec, OutputSink output) throws IOException {
        return launch(spec);
    }

    /** Which isolation and which limit enforcement this sandbox applies; fixed for its lifetime. */
    SandboxCapabilities capabilities();
}
