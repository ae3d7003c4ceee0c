package dev.gust.engine;

import dev.gust.core.FunctionConfiguration;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.ResponseStream;
import dev.gust.runtimeapi.InstanceListener;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimeapi.RuntimeApiEndpoint;
import dev.gust.sandbox.Exit;
import dev.gust.sandbox.SandboxedProcess;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment of one function version: a sandboxed runtime process and its own Runtime API
 * endpoint. Runs one invocation at a time.
 *
 * <p>Contract: (1) {@link #ready()} completes when the runtime first asks for work, when it reports an init error,
 * when its init runs past its bound (the init phase's 10 s, or the function's timeout for an init retried within an
 * invocation: then {@link #initTimedOut()} and the process is killed), or fails if it exits first. An init that
 * fails or times out writes an {@code INIT_REPORT} line; the first invocation of an instance whose init failed
 * ends at once with the init's error, and its log tail starts at the stream's beginning, so the caller sees
 * what the runtime wrote during init. (2) {@link #run} is called only when the instance is ready and idle. (3) An
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
    /** Where closing runs: killing a tree and removing its cgroup block, and must not run on an event loop. */
    private final Executor blocking;
    private final InitPhase phase;
    private final long initTimeoutNanos;
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
    private boolean initTimedOut;
    /** Why init failed when the runtime did not say it ({@code /init/error}): Lambda's error type and message. */
    private String initFailureType;
    private String initFailureReason;
    private ScheduledFuture<?> initTimer;
    /** Whether {@link #finishFailedInit} is ending the first invocation (it writes its lines once). */
    private boolean initFailureEnding;

    /** The invocation in flight; {@code stream} is {@code null} unless its caller streams the response. */
    private record Running(String requestId, boolean tail, long logStart, long startNanos,
            CompletableFuture<InvocationResult> result, ScheduledFuture<?> timeout, StreamGate stream) {
    }

    /**
     * @param type how the instance is started: a provisioned instance is initialized before any invocation needs
     *     it, so, as on Lambda, none of its REPORT lines shows an Init Duration
     * @param phase whether this init is the instance's own ({@link InitPhase#INIT}, bounded by 10 s) or one retried
     *     within an invocation ({@link InitPhase#INVOKE}), as its {@code INIT_REPORT} line says
     * @param initTimeoutNanos how long the init may take: 10 s in the init phase, the function's timeout when retried
     * @param lifetimeNanos how long the instance may take invocations, from now
     */
    Instance(FunctionConfiguration function, String arn, LogStream log, Clocks clocks,
            ScheduledExecutorService timers, Executor blocking, InitializationType type, InitPhase phase,
            long initTimeoutNanos, long lifetimeNanos) {
        this.blocking = blocking;
        this.phase = phase;
        this.initTimeoutNanos = initTimeoutNanos;
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

    /** Records the started process, whose output goes into the log stream, and starts the init's bound. */
    void attach(SandboxedProcess process) {
        synchronized (this) {
            this.process = process;
            if (!wasReady && !dead && initErrorBody == null) {
                initTimer = timers.schedule(this::initTimedOutNow, initTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        process.onExit().thenAccept(this::exited);
    }

    /**
     * Fails the init without starting a process, with Lambda's error type and message (for example a custom
     * runtime without a {@code bootstrap}); the first invocation gets that error.
     */
    void refuse(String errorType, String reason) {
        synchronized (this) {
            dead = true;
            initFailureType = errorType;
            initFailureReason = reason;
            log.append(ReportLine.initReport(clocks.nanos() - launchedNanos, phase, "error", errorType));
        }
        ready.complete(null);
    }

    /** Whether init ran past its bound: the process was killed and the instance never ran an invocation. */
    synchronized boolean initTimedOut() {
        return initTimedOut;
    }

    private void initTimedOutNow() {
        synchronized (this) {
            if (wasReady || dead || initErrorBody != null) {
                return;
            }
            initTimedOut = true;
            dead = true;
            drainOutput(); // what the runtime wrote during init comes first
            log.append(ReportLine.initReport(clocks.nanos() - launchedNanos, phase, "timeout", null));
        }
        kill();
        ready.complete(null);
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
        return run(request, null);
    }

    /**
     * Delivers one invocation whose response goes to {@code stream} as the runtime writes it ({@code null}: the
     * response comes back in one piece); as {@link #run(InvocationRequest)} otherwise. Nothing reaches the stream
     * after the invocation ended (its timeout, the runtime's exit).
     */
    CompletableFuture<InvocationResult> run(InvocationRequest request, ResponseStream stream) {
        String requestId = request.requestId();
        StreamGate gate = stream == null ? null : new StreamGate(stream, function.version());
        CompletableFuture<InvocationResult> result = new CompletableFuture<>();
        long deadline = clocks.wall().millis() + function.timeout() * 1000L;
        boolean initFailed;
        synchronized (this) {
            if (dead && wasReady) {
                return CompletableFuture.failedFuture(new InstanceLost());
            }
            initFailed = !wasReady;
            // The tail of an invocation whose init failed starts with the stream: what the runtime wrote during init
            // and the INIT_REPORT line are where a user looks. Otherwise a stat, only when the tail is wanted.
            long logBegin = initFailed || !request.tailLog() ? 0 : log.size();
            log.append(ReportLine.start(requestId, function.version()));
            ScheduledFuture<?> timeout = timers.schedule(() -> timedOut(requestId), function.timeout(), TimeUnit.SECONDS);
            running = new Running(requestId, request.tailLog(), logBegin, clocks.nanos(), result, timeout, gate);
        }
        if (initFailed) {
            finishFailedInit(requestId);
            return result;
        }
        String invokedArn = request.qualifier().map(qualifier -> arn + ":" + qualifier).orElse(arn);
        String traceId = request.traceId() != null ? request.traceId() : TraceIds.generate(clocks.wall().instant());
        endpoint.offer(new Invocation(requestId, request.payload(), deadline, invokedArn, traceId,
                request.clientContext(), null, gate));
        return result;
    }

    @Override
    public void onReady(long readyNanos) {
        synchronized (this) {
            if (dead) {
                return; // its init timed out just before
            }
            initNanos = clocks.nanos() - launchedNanos;
            wasReady = true;
            cancelInitTimer();
        }
        ready.complete(null);
    }

    private void cancelInitTimer() {
        if (initTimer != null) {
            initTimer.cancel(false);
        }
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
            if (dead || wasReady) {
                return;
            }
            initErrorBody = body;
            cancelInitTimer();
            drainOutput(); // what the runtime wrote during init comes first
            log.append(ReportLine.initReport(clocks.nanos() - launchedNanos, phase, "error",
                    InitErrors.type(errorType, body)));
        }
        ready.complete(null);
    }

    private void timedOut(String requestId) {
        synchronized (this) {
            if (running == null || !running.requestId().equals(requestId)) {
                return;
            }
            drainOutput();
            log.append(ReportLine.timedOut(requestId, clocks.wall().instant(), function.timeout()));
            dead = true;
            timedOut = true;
        }
        kill();
        finish(requestId, ErrorPayloads.timedOut(requestId, function.timeout()), "Unhandled");
    }

    private void exited(Exit exit) {
        synchronized (this) {
            boolean initCrashed = !wasReady && !dead && initErrorBody == null;
            dead = true;
            if (initCrashed) {
                cancelInitTimer();
                initFailureType = exit.outOfMemory() ? "Runtime.OutOfMemory" : "Runtime.ExitError";
                initFailureReason = ErrorPayloads.exitReason(exit.status(),
                        exit.signal().isPresent() ? exit.signal().getAsInt() : null);
                drainOutput(); // what the runtime wrote during init comes first
                log.append(ReportLine.initReport(clocks.nanos() - launchedNanos, phase, "error", initFailureType));
            }
            if (running == null) {
                ready.completeExceptionally(new IllegalStateException("runtime exited before it was ready: "
                        + exit.describe()));
                return;
            }
        }
        finishAfterExit(exit);
    }

    /**
     * Ends the first invocation of an instance whose init failed, with the init's error: the runtime's own
     * ({@code /init/error}), {@code Sandbox.Timedout} after an init retried within the invocation ran out of the
     * function's timeout, or Lambda's (the runtime exited, or could not start).
     */
    private void finishFailedInit(String requestId) {
        drainOutput();
        byte[] payload;
        synchronized (this) {
            if (running == null || !running.requestId().equals(requestId) || initFailureEnding) {
                return; // the process's exit and the invocation raced here: the first one ends it
            }
            initFailureEnding = true;
            if (initErrorBody != null) {
                payload = initErrorBody;
            } else if (initTimedOut) {
                log.append(ReportLine.timedOut(requestId, clocks.wall().instant(), function.timeout()));
                payload = ErrorPayloads.timedOut(requestId, function.timeout());
            } else {
                String type = initFailureType != null ? initFailureType : "Runtime.Unknown";
                String reason = initFailureReason != null ? initFailureReason
                        : "Runtime exited without providing a reason";
                log.append(ReportLine.runtimeExited(requestId, type, reason));
                payload = ErrorPayloads.error(type, "RequestId: " + requestId + " Error: " + reason);
            }
        }
        kill(); // a runtime that reported its init error is expected to exit; one that does not is stopped
        finish(requestId, payload, "Unhandled");
    }

    private void finishAfterExit(Exit exit) {
        String requestId;
        boolean initFailed;
        synchronized (this) {
            if (running == null) {
                return;
            }
            requestId = running.requestId();
            initFailed = !wasReady;
            if (!initFailed && !timedOut && !endpoint.delivered(requestId)) {
                Running lost = running;
                running = null;
                lost.timeout().cancel(false);
                if (lost.stream() != null) {
                    lost.stream().close();
                }
                lost.result().completeExceptionally(new InstanceLost());
                return;
            }
        }
        if (initFailed) { // the invocation of an instance whose init failed ends with the init's error
            finishFailedInit(requestId);
            return;
        }
        drainOutput(); // the last words of the runtime come before Lambda's lines about its exit
        byte[] payload;
        if (timedOut) {
            payload = ErrorPayloads.timedOut(requestId, function.timeout());
        } else if (initErrorBody != null) {
            payload = initErrorBody;
        } else if (exit != null && exit.outOfMemory()) {
            payload = ErrorPayloads.outOfMemory(requestId);
            log.append(ReportLine.runtimeExited(requestId, "Runtime.OutOfMemory",
                    ErrorPayloads.exitReason(exit.status(), 9)));
        } else {
            Integer status = exit == null ? null : exit.status();
            Integer signal = exit == null || exit.signal().isEmpty() ? null : exit.signal().getAsInt();
            payload = ErrorPayloads.exited(requestId, status, signal);
            log.append(ReportLine.runtimeExited(requestId, "Runtime.ExitError",
                    ErrorPayloads.exitReason(status, signal)));
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
        if (ended.stream() != null) {
            ended.stream().close();
        }
        long duration = clocks.nanos() - ended.startNanos();
        long memory = process == null ? 0 : Math.max(0, process.maxMemoryUsedBytes());
        // What the function printed before it answered is in its pipe: copy it before the END line.
        drainOutput();
        log.append(ReportLine.end(requestId)
                + ReportLine.report(requestId, duration, function.memorySize(), memory, init));
        String tail = ended.tail() ? tail(ended.logStart()) : null;
        ended.result().complete(new InvocationResult(payload, functionError, function.version(), tail));
    }

    /** Copies the function's pending output into the log now; a non-blocking read, microseconds when empty. */
    private void drainOutput() {
        SandboxedProcess p;
        synchronized (this) {
            p = process;
        }
        if (p != null) {
            p.drainOutput();
        }
    }

    /** The invocation's log tail, or none when the log file cannot be read: the answer must still go out. */
    private String tail(long from) {
        try {
            return log.tail(from, TAIL_BYTES);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Marks the instance dead at once, then kills its process tree and frees the endpoint off the calling thread:
     * killing a tree scans {@code /proc} and writes cgroup files, which an event loop must not wait for.
     */
    void kill() {
        SandboxedProcess p;
        RuntimeApiEndpoint e;
        synchronized (this) {
            dead = true;
            p = process;
            e = endpoint;
        }
        offload(() -> {
            if (p != null) {
                p.kill();
            }
            if (e != null) {
                e.close();
            }
        });
    }

    /** Runs {@code work} on the blocking executor, or here once the engine has shut that executor down. */
    private void offload(Runnable work) {
        try {
            blocking.execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    /**
     * Stops the instance and releases its resources (process tree, cgroup, endpoint, log file); returns at once, the
     * work runs on the blocking executor ({@link SandboxedProcess#close} may wait seconds for a tree to exit).
     */
    void close() {
        SandboxedProcess p;
        RuntimeApiEndpoint e;
        synchronized (this) {
            dead = true;
            cancelInitTimer();
            p = process;
            e = endpoint;
        }
        offload(() -> {
            if (e != null) {
                e.close();
            }
            if (p != null) {
                p.close();
            }
            log.close();
        });
    }
}
