package dev.gust.engine;

import dev.gust.core.FunctionConfiguration;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.runtimeapi.InstanceListener;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimeapi.RuntimeApiEndpoint;
import dev.gust.sandbox.Exit;
import dev.gust.sandbox.SandboxedProcess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment of one function version: a sandboxed runtime process and its own Runtime API
 * endpoint. Runs one invocation at a time.
 *
 * <p>Contract: (1) {@link #ready()} completes when the runtime first asks for work, or fails if it exits or
 * reports an init error first. (2) {@link #run} is called only when the instance is ready and idle. (3) An
 * invocation ends exactly once: by the runtime's response or error, by the timeout (which kills the instance),
 * by the process exiting, or, when the process of a ready instance exited before the runtime received the
 * invocation, by failing with {@link InstanceLost} so that it runs elsewhere. (4) After {@link #isDead()} turns true the instance is never used again. (5) Once
 * {@link #expired} it is given no new invocation: its pool stops it, or replaces it if it is provisioned.
 * Thread-safe: events arrive from event loops, the process watcher and the timer, and all state changes hold
 * this object's lock.
 */
final class Instance implements InstanceListener {

    private static final int TAIL_BYTES = 4096;

    private final FunctionConfiguration function;
    private final String arn;
    private final LogStream log;
    private final Clocks clocks;
    private final ScheduledExecutorService timers;
    private final long launchedNanos;
    /** When the instance has lived its lifetime ({@link #expired}); its credentials outlive this. */
    private final long expiresAtNanos;
    /** When a provisioned instance's successor starts: a minute (at most a tenth of its life) before it expires. */
    private final long replaceAtNanos;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Set once by {@link #attach(RuntimeApiEndpoint)}; volatile for the pool's lock-free {@link #onCurrentThread}. */
    private volatile RuntimeApiEndpoint endpoint;
    private SandboxedProcess process;
    private long initNanos = -1;
    private boolean initReported;
    private boolean wasReady;
    private boolean dead;
    private Running running;
    private byte[] initErrorBody;
    private long lastUsedNanos;
    private boolean timedOut;

    private record Running(String requestId, boolean tail, long logStart, long startNanos,
            CompletableFuture<InvocationResult> result, ScheduledFuture<?> timeout) {
    }

    /**
     * @param type how the instance is started: a provisioned instance is initialized before any invocation needs
     *     it, so, as on Lambda, none of its REPORT lines shows an Init Duration
     * @param lifetimeNanos how long the instance may take invocations, from now
     */
    Instance(FunctionConfiguration function, String arn, LogStream log, Clocks clocks,
            ScheduledExecutorService timers, InitializationType type, long lifetimeNanos) {
        this.initReported = type == InitializationType.PROVISIONED_CONCURRENCY;
        this.function = function;
        this.arn = arn;
        this.log = log;
        this.clocks = clocks;
        this.timers = timers;
        this.launchedNanos = clocks.nanos();
        this.expiresAtNanos = launchedNanos + lifetimeNanos;
        this.replaceAtNanos = expiresAtNanos - Math.min(TimeUnit.MINUTES.toNanos(1), lifetimeNanos / 10);
        this.lastUsedNanos = launchedNanos;
    }

    String logStreamName() {
        return log.name();
    }

    synchronized void attach(RuntimeApiEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Records the started process, whose output goes straight into the log stream's file. */
    void attach(SandboxedProcess process) {
        synchronized (this) {
            this.process = process;
        }
        process.onExit().thenAccept(this::exited);
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    synchronized boolean isDead() {
        return dead;
    }

    /** Whether the runtime reported an error while initializing ({@code /init/error}). */
    synchronized boolean initFailed() {
        return initErrorBody != null;
    }

    /** Whether the calling thread is the event loop of this instance's Runtime API endpoint. */
    boolean onCurrentThread() {
        RuntimeApiEndpoint e = endpoint;
        return e != null && e.onCurrentThread();
    }

    /**
     * Whether the instance has lived its lifetime at {@code nowNanos}: it takes no further invocation and stops (or,
     * provisioned, is replaced), so that it never runs with expired credentials.
     */
    boolean expired(long nowNanos) {
        return nowNanos - expiresAtNanos >= 0;
    }

    /**
     * Whether a provisioned instance's successor should start at {@code nowNanos}, so that it is ready before this
     * one expires.
     */
    boolean dueForReplacement(long nowNanos) {
        return nowNanos - replaceAtNanos >= 0;
    }

    /** Whether the instance has lived its lifetime now. */
    boolean expired() {
        return expired(clocks.nanos());
    }

    synchronized long lastUsedNanos() {
        return lastUsedNanos;
    }

    /**
     * Delivers one invocation. Fails with {@link InstanceLost} when the instance died while idle after it had been
     * ready: the invocation was not started and may run elsewhere.
     */
    CompletableFuture<InvocationResult> run(InvocationRequest request) {
        String requestId = request.requestId();
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        long deadline = clocks.wall().millis() + function.timeout() * 1000L;
        synchronized (this) {
            if (dead && wasReady) {
                return CompletableFuture.failedFuture(new InstanceLost());
            }
            long logBegin = request.tailLog() ? log.size() : 0; // a stat only when the tail is wanted
            log.append(ReportLine.start(requestId, function.version()));
            ScheduledFuture<?> timeout = timers.schedule(() -> timedOut(requestId), function.timeout(), TimeUnit.SECONDS);
            running = new Running(requestId, request.tailLog(), logBegin, clocks.nanos(), result, timeout);
            if (dead) {
                finishAfterExit(process == null ? null : process.onExit().getNow(null));
                return result;
            }
        }
        String invokedArn = request.qualifier().map(qualifier -> arn + ":" + qualifier).orElse(arn);
        String traceId = request.traceId() != null ? request.traceId() : TraceIds.generate(clocks.wall().instant());
        endpoint.offer(new Invocation(requestId, request.payload(), deadline, invokedArn, traceId,
                request.clientContext(), null));
        return result;
    }

    @Override
    public void onReady(long readyNanos) {
        synchronized (this) {
            initNanos = clocks.nanos() - launchedNanos;
            wasReady = true;
        }
        ready.complete(null);
    }

    @Override
    public void onResponse(String requestId, byte[] payload) {
        finish(requestId, payload, null);
    }

    @Override
    public void onFunctionError(String requestId, String errorType, byte[] body) {
        finish(requestId, body, "Unhandled");
    }

    @Override
    public void onInitError(String errorType, byte[] body) {
        synchronized (this) {
            initErrorBody = body;
        }
        ready.complete(null);
    }

    private void timedOut(String requestId) {
        synchronized (this) {
            if (running == null || !running.requestId().equals(requestId)) {
                return;
            }
            log.append(ReportLine.timedOut(requestId, clocks.wall().instant(), function.timeout()));
            dead = true;
            timedOut = true;
        }
        kill();
        finish(requestId, ErrorPayloads.timedOut(requestId, function.timeout()), "Unhandled");
    }

    private void exited(Exit exit) {
        synchronized (this) {
            dead = true;
            if (running == null) {
                ready.completeExceptionally(new IllegalStateException("runtime exited before it was ready: "
                        + exit.describe()));
                return;
            }
        }
        finishAfterExit(exit);
    }

    private void finishAfterExit(Exit exit) {
        String requestId;
        synchronized (this) {
            if (running == null) {
                return;
            }
            requestId = running.requestId();
            if (wasReady && !timedOut && !endpoint.delivered(requestId)) {
                Running lost = running;
                running = null;
                lost.timeout().cancel(false);
                lost.result().completeExceptionally(new InstanceLost());
                return;
            }
        }
        byte[] payload;
        if (timedOut) {
            payload = ErrorPayloads.timedOut(requestId, function.timeout());
        } else if (initErrorBody != null) {
            payload = initErrorBody;
        } else if (exit != null && exit.outOfMemory()) {
            payload = ErrorPayloads.outOfMemory(requestId);
        } else {
            payload = ErrorPayloads.exited(requestId, exit == null ? null : exit.status(),
                    exit == null || exit.signal().isEmpty() ? null : exit.signal().getAsInt());
        }
        finish(requestId, payload, "Unhandled");
    }

    private void finish(String requestId, byte[] payload, String functionError) {
        Running ended;
        long init;
        synchronized (this) {
            if (running == null || !running.requestId().equals(requestId)) {
                return;
            }
            ended = running;
            running = null;
            lastUsedNanos = clocks.nanos();
            init = initReported ? -1 : initNanos;
            initReported = true;
        }
        ended.timeout().cancel(false);
        long duration = clocks.nanos() - ended.startNanos();
        long memory = process == null ? 0 : Math.max(0, process.maxMemoryUsedBytes());
        // The function's output is already in the file: it writes there directly, before it posts its answer.
        log.appendOnOwnLine(ReportLine.end(requestId)
                + ReportLine.report(requestId, duration, function.memorySize(), memory, init));
        String tail = ended.tail() ? tail(ended.logStart()) : null;
        ended.result().complete(new InvocationResult(payload, functionError, function.version(), tail));
    }

    /** The invocation's log tail, or none when the log file cannot be read: the answer must still go out. */
    private String tail(long from) {
        try {
            return log.tail(from, TAIL_BYTES);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Kills the process tree and frees the endpoint. */
    void kill() {
        SandboxedProcess p;
        RuntimeApiEndpoint e;
        synchronized (this) {
            dead = true;
            p = process;
            e = endpoint;
        }
        if (p != null) {
            p.kill();
        }
        if (e != null) {
            e.close();
        }
    }

    /** Releases the instance's resources after it has stopped. */
    void close() {
        kill();
        SandboxedProcess p;
        synchronized (this) {
            p = process;
        }
        if (p != null) {
            p.onExit().whenComplete((exit, failure) -> p.close());
        }
        log.close();
    }
}
