package dev.gust.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Starts launcher processes on one long-lived platform thread, and removes an instance's cgroup if a start
 * fails; thread-safe.
 *
 * <p>Why one thread: bubblewrap's {@code --die-with-parent} uses {@code PR_SET_PDEATHSIG}, which fires when the
 * <em>thread</em> that forked the process ends, not the process. Started from a short-lived thread (a pool
 * worker, a virtual thread's carrier), a sandbox would be killed when that thread ends; measured here: killed
 * 0.5 s after launch when the launching thread exited. The spawner thread lives as long as the JVM, so
 * sandboxes die exactly when Gust dies.
 */
final class Launchers {

    private static final BlockingQueue<Runnable> STARTS = new LinkedBlockingQueue<>();

    static {
        Thread.ofPlatform().daemon().name("gust-sandbox-spawner").start(Launchers::serve);
    }

    private Launchers() {
    }

    /**
     * Sends the process's stdout and stderr straight to the spec's output file, if it names one. The kernel then
     * appends the function's output with no pipe and no reader thread in Gust: idle instances cost no thread.
     */
    static void redirectOutput(ProcessBuilder builder, SandboxSpec spec) {
        if (spec.outputFile() != null) {
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(spec.outputFile().toFile()));
            builder.redirectErrorStream(true);
        }
    }

    /**
     * Sends the process's stdout and stderr into a new pipe whose output goes to {@code sink}, and returns the pipe
     * (give it to {@link #startWith}); without a sink, to the spec's output file if it names one, and returns
     * {@code null}.
     */
    static OutputPipe redirectOutput(ProcessBuilder builder, SandboxSpec spec, OutputSink sink) throws IOException {
        if (sink == null) {
            redirectOutput(builder, spec);
            return null;
        }
        OutputPipe pipe = OutputPipe.open(sink);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(pipe.writeEnd()));
        builder.redirectErrorStream(true);
        return pipe;
    }

    /**
     * Once the process started (it holds its own write end), closes Gust's write end and lets the shared reader
     * copy the pipe's output; closes the pipe if the start failed ({@code process} is {@code null}).
     */
    static void started(OutputPipe pipe, Process process) throws IOException {
        pipe.closeWriteEnd();
        if (process == null) {
            pipe.close();
            return;
        }
        try {
            OutputReader.shared().add(pipe);
        } catch (IOException e) {
            pipe.close();
            throw e;
        }
    }

    /** {@link #start}, then hands {@code pipe} (if any) to the shared reader, or closes it if the start failed. */
    static Process startWith(ProcessBuilder builder, InstanceCgroup cgroup, OutputPipe pipe) throws IOException {
        Process process = null;
        try {
            process = start(builder, cgroup);
            return process;
        } finally {
            if (pipe != null) {
                started(pipe, process);
            }
        }
    }

    /** Starts the configured builder on the spawner thread; on failure removes {@code cgroup} and rethrows. */
    static Process start(ProcessBuilder builder, InstanceCgroup cgroup) throws IOException {
        CompletableFuture<Process> started = new CompletableFuture<>();
        STARTS.add(() -> {
            try {
                started.complete(builder.start());
            } catch (IOException e) {
                started.completeExceptionally(new UncheckedIOException(e));
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        });
        try {
            return started.get();
        } catch (ExecutionException e) {
            removeAfterFailure(cgroup, e.getCause());
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("could not start " + builder.command().getFirst(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The start may still happen; kill it then, so nothing runs unowned.
            started.thenAccept(Process::destroyForcibly);
            removeAfterFailure(cgroup, e);
            throw new IOException("interrupted while starting " + builder.command().getFirst(), e);
        }
    }

    private static void serve() {
        while (true) {
            try {
                STARTS.take().run();
            } catch (InterruptedException e) {
                // This thread must not end while sandboxes run: ignore interrupts.
            } catch (RuntimeException | Error e) {
                // Tasks catch their own failures; never let the spawner thread die.
            }
        }
    }

    private static void removeAfterFailure(InstanceCgroup cgroup, Throwable failure) {
        try {
            cgroup.remove();
        } catch (IOException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }
}
