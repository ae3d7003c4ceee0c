package dev.gust.sandbox;

import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

/**
 * One running instance: a process tree in its own sandbox, with its limits; thread-safe.
 *
 * <p>Lifecycle: {@link Sandbox#launch} starts it; the tree ends by itself or through {@link #kill()};
 * {@link #onExit()} completes once the launched process is gone; {@link #close()} kills what is left and
 * releases the cgroup. Close every process, also after it exited by itself.
 */
public interface SandboxedProcess extends AutoCloseable {

    /** The host pid of the launched process (bubblewrap's, for a bubblewrap sandbox). */
    long pid();

    /**
     * The standard output of the tree. Read it continuously (one reader thread per stream): a full pipe blocks
     * the function. At exit the stream ends after the remaining bytes. Empty when the spec named an
     * {@link SandboxSpec#outputFile()}.
     */
    InputStream stdout();

    /** The standard error of the tree, and bubblewrap's own error messages; read it like {@link #stdout()}. */
    InputStream stderr();

    /**
     * Copies what the process has written to its output pipe so far into its {@link OutputSink}, on the calling
     * thread and without blocking; does nothing for a process launched without a sink. Call it before writing a
     * line that must come after the function's own output (the end of an invocation).
     */
    default void drainOutput() {
    }

    /**
     * Completes once the launched process has exited, never exceptionally. With a bubblewrap sandbox the
     * whole tree is gone by then (the PID namespace dies with its init).
     */
    CompletableFuture<Exit> onExit();

    /**
     * The peak memory use of the tree in bytes so far: the cgroup's peak when there is one; otherwise a best
     * effort from {@code /proc} (the sum of the peak resident sizes of the processes seen alive), sampled in the
     * background when asked and at the exit, answering the latest sample, or {@code -1} if never observed. Never
     * blocks. Still answers after {@link #close()}, with the last value read.
     */
    long maxMemoryUsedBytes();

    /**
     * Kills the whole tree immediately with {@code SIGKILL}, through the cgroup when there is one and through
     * the PID namespace (killing its init kills every process in it); returns without waiting. Idempotent.
     */
    void kill();

    /**
     * Kills what is left of the tree, waits briefly for it to exit and removes the instance's cgroup;
     * idempotent. If the tree does not exit within a few seconds, the cgroup is removed once it does.
     */
    @Override
    void close();
}
