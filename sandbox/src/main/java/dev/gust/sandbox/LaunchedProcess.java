package dev.gust.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A launched instance: the launcher's {@link Process} plus the instance's cgroup; thread-safe.
 *
 * <p>Both sandboxes use it; they differ only in how they start the process.
 */
final class LaunchedProcess implements SandboxedProcess {

    private static final Logger LOG = LoggerFactory.getLogger(LaunchedProcess.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    /** 1 MiB: more than a pipe holds (64 KiB), so one drain empties it unless the function keeps writing. */
    private static final int OUTPUT_CHUNKS_PER_DRAIN = 16;

    private final Process process;
    private final InstanceCgroup cgroup;
    private final CompletableFuture<Exit> exit;
    private final AtomicLong peakMemory = new AtomicLong(-1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    /** Whether a {@code /proc} sample of the peak memory is running. */
    private final AtomicBoolean sampling = new AtomicBoolean();
    /** The pipe of the process's output, or {@code null} when it writes to a file or to Java's own pipes. */
    private final OutputPipe output;

    private LaunchedProcess(Process process, InstanceCgroup cgroup, OutputPipe output) {
        this.process = process;
        this.cgroup = cgroup;
        this.output = output;
        this.exit = new CompletableFuture<>();
    }

    /** Wraps a started process; from now on {@link #close()} owns the cgroup. */
    static LaunchedProcess of(Process process, InstanceCgroup cgroup) {
        return of(process, cgroup, null);
    }

    /** Wraps a started process whose output goes into {@code output}; {@link #close()} owns the cgroup and the pipe. */
    static LaunchedProcess of(Process process, InstanceCgroup cgroup, OutputPipe output) {
        LaunchedProcess launched = new LaunchedProcess(process, cgroup, output);
        process.onExit().whenComplete((ignored, failure) -> launched.exited());
        return launched;
    }

    private void exited() {
        try {
            samplePeakMemory();
            exit.complete(Exit.of(process.exitValue(), cgroup.outOfMemoryKilled()));
        } catch (RuntimeException e) {
            exit.complete(Exit.of(process.exitValue(), false));
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    @Override
    public InputStream stderr() {
        return process.getErrorStream();
    }

    /** Reads at most the pipe's capacity: what a function wrote before it answered is all in the pipe by then. */
    @Override
    public void drainOutput() {
        if (output != null) {
            output.drain(OUTPUT_CHUNKS_PER_DRAIN);
        }
    }

    @Override
    public CompletableFuture<Exit> onExit() {
        return exit.copy();
    }

    /**
     * The cgroup's peak, read with one positional read of a kept-open file (microseconds: fine on an event loop).
     * Without a cgroup the peak comes from a {@code /proc} scan, which takes milliseconds: that scan runs on a
     * virtual thread, and this answers the latest sample (so a REPORT line without cgroups shows the peak seen up to
     * the previous ask, or the exit).
     */
    @Override
    public long maxMemoryUsedBytes() {
        if (!released.get()) {
            long sample = cgroup.peakMemoryBytes();
            if (sample >= 0) {
                peakMemory.accumulateAndGet(sample, Math::max);
            } else if (process.isAlive() && sampling.compareAndSet(false, true)) {
                Thread.ofVirtual().name("gust-peak-memory").start(() -> {
                    try {
                        peakMemory.accumulateAndGet(ProcessTree.peakResidentBytes(process.toHandle()), Math::max);
                    } finally {
                        sampling.set(false);
                    }
                });
            }
        }
        return peakMemory.get();
    }

    private void samplePeakMemory() {
        long sample = cgroup.peakMemoryBytes();
        if (sample < 0 && process.isAlive()) {
            sample = ProcessTree.peakResidentBytes(process.toHandle());
        }
        peakMemory.accumulateAndGet(sample, Math::max);
    }

    @Override
    public void kill() {
        cgroup.killAll();
        ProcessTree.kill(process.toHandle());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (process.isAlive()) {
            kill();
        }
        try {
            exit.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            release();
        } catch (TimeoutException | ExecutionException e) {
            exit.whenComplete((ignored, failure) -> release());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit.whenComplete((ignored, failure) -> release());
        }
    }

    /** The instance's cgroup, for tests. */
    InstanceCgroup cgroup() {
        return cgroup;
    }

    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        // Without a PID namespace, orphans of the launched process may still live in the cgroup.
        cgroup.killAll();
        if (output != null) {
            output.drain(OUTPUT_CHUNKS_PER_DRAIN); // the last words of a process that exited
            output.close();
        }
        try {
            cgroup.remove();
        } catch (IOException e) {
            LOG.warn("could not remove cgroup {}", cgroup.directories(), e);
        }
    }
}
