package dev.gust.engine;

import dev.gust.core.Completions;
import dev.gust.core.ProvisionedConcurrency;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.ResponseStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The instances of one function version (one {@code RevisionId} of {@code $LATEST}): provisioned instances first,
 * then warm idle on-demand instances, most-recently-used first; when none is idle a new instance is started for the
 * invocation.
 *
 * <p>Provisioned instances ({@link #provision}) are started ahead of time, never reaped for idleness, replaced when
 * they die or expire, and run invocations without a unit of the function's concurrency (it is held for them in
 * {@link ConcurrencyLimits}); every other invocation takes a unit from {@code share} or is throttled. An invocation
 * prefers an idle instance on its own event loop (see {@link #takeIdle}). An instance past its lifetime
 * ({@link Instance#expired}) is retired like a dead one: never handed out again, stopped, and replaced if provisioned;
 * a provisioned one gets its successor shortly before ({@link Instance#dueForReplacement}), so the set never dips.
 *
 * <p>Thread-safe: the idle stacks change under this object's lock only. A draining pool (its version was replaced
 * or deleted) hands out no instance and terminates each as it becomes idle.
 */
final class FunctionPool {

    /** How many dead warm instances one invocation may run into before it fails. */
    private static final int MAX_LOST_INSTANCES = 3;
    /** {@code StatusReason} of a provisioned instance whose runtime failed to initialize, as AWS words it. */
    static final String INIT_FAILURE = "FUNCTION_ERROR_INIT_FAILURE";

    /**
     * Starts an instance of this pool's version; the stage completes once it is ready, failed to initialize, or its
     * init ran past the bound of {@code phase}.
     */
    @FunctionalInterface
    interface Starter {
        CompletableFuture<Instance> start(InitializationType type, InitPhase phase);
    }

    private final Starter starter;
    private final ArrayDeque<Instance> idle = new ArrayDeque<>();
    private final List<Instance> all = new ArrayList<>();
    private final ProvisionedInstances<Instance> provisioned = new ProvisionedInstances<>();
    /** Whether provisioned instances are wanted: the invoke path looks at them only then. */
    private volatile boolean hasProvisioned;
    private boolean draining;

    FunctionPool(Starter starter) {
        this.starter = starter;
    }

    /**
     * Runs one invocation on an idle provisioned instance, or, taking a unit of {@code share} (else throttled), on a
     * warm on-demand instance or a new one. A warm instance found dead when the invocation reaches it
     * ({@link InstanceLost}) is replaced without the caller noticing. The response goes to {@code stream} as the
     * function writes it, or, when {@code stream} is {@code null}, comes back in the result in one piece.
     */
    CompletableFuture<InvocationResult> invoke(InvocationRequest request, ConcurrencyPool share,
            ResponseStream stream) {
        return invoke(request, share, stream, MAX_LOST_INSTANCES);
    }

    private CompletableFuture<InvocationResult> invoke(InvocationRequest request, ConcurrencyPool share,
            ResponseStream stream, int lostAllowed) {
        Instance warm = hasProvisioned ? takeProvisioned() : null;
        CompletableFuture<InvocationResult> result;
        if (warm != null) {
            result = runOn(warm, request, stream);
        } else if (share.tryAcquire()) {
            result = onDemand(request, stream).whenComplete((ended, failure) -> share.release());
        } else {
            return CompletableFuture.failedFuture(share.throttled());
        }
        return result.exceptionallyCompose(failure -> lostAllowed > 0 && Completions.cause(failure) instanceof InstanceLost
                ? invoke(request, share, stream, lostAllowed - 1) : CompletableFuture.failedFuture(failure));
    }

    /**
     * Runs the invocation on a warm instance or a new one. As on Lambda, an init that runs past the init phase's
     * 10 s is retried within the invocation, on a new instance whose init is bounded by the function's timeout (a
     * "suppressed init"); if that one times out too, the invocation ends with {@code Sandbox.Timedout}.
     */
    private CompletableFuture<InvocationResult> onDemand(InvocationRequest request, ResponseStream stream) {
        Instance warm = takeIdle();
        return warm != null ? runOn(warm, request, stream)
                : start(InitializationType.ON_DEMAND, InitPhase.INIT).thenCompose(instance -> {
                    if (!instance.initTimedOut()) {
                        return runStarted(instance, request, stream);
                    }
                    instance.close();
                    return start(InitializationType.ON_DEMAND, InitPhase.INVOKE)
                            .thenCompose(retried -> runStarted(retried, request, stream));
                });
    }

    private CompletableFuture<InvocationResult> runStarted(Instance instance, InvocationRequest request,
            ResponseStream stream) {
        synchronized (this) {
            all.add(instance);
        }
        return runOn(instance, request, stream);
    }

    /** Starts an instance; a start that throws (no uid left, disk full) fails the stage instead. */
    private CompletableFuture<Instance> start(InitializationType type, InitPhase phase) {
        try {
            return starter.start(type, phase);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Runs the invocation and then releases the instance, also when {@link Instance#run} throws. */
    private CompletableFuture<InvocationResult> runOn(Instance instance, InvocationRequest request,
            ResponseStream stream) {
        CompletableFuture<InvocationResult> run;
        try {
            run = instance.run(request, stream);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        return run.whenComplete((result, failure) -> release(instance));
    }

    /** An idle provisioned instance, preferably on the calling thread's event loop; dead ones are replaced. */
    private Instance takeProvisioned() {
        List<Instance> dead = new ArrayList<>();
        Instance taken;
        synchronized (this) {
            while ((taken = provisioned.take(Instance::onCurrentThread)) != null && retired(taken)) {
                provisioned.remove(taken);
                dead.add(taken);
            }
        }
        if (!dead.isEmpty()) {
            dead.forEach(Instance::close);
            replenish();
        }
        return taken;
    }

    /**
     * The most recently used idle instance whose endpoint runs on the calling thread's event loop, so that the
     * invocation crosses no thread; otherwise the most recently used idle instance.
     */
    private Instance takeIdle() {
        List<Instance> dead = new ArrayList<>();
        Instance taken = takeIdle(dead);
        dead.forEach(Instance::close); // their endpoints, log files and cgroups, outside the lock (expired ones too)
        return taken;
    }

    private synchronized Instance takeIdle(List<Instance> dead) {
        for (Iterator<Instance> it = idle.descendingIterator(); it.hasNext(); ) {
            Instance instance = it.next();
            if (instance.onCurrentThread()) {
                it.remove();
                if (!retired(instance)) {
                    return instance;
                }
                forget(instance);
                dead.add(instance);
            }
        }
        while (!idle.isEmpty()) {
            Instance instance = idle.pollLast();
            if (!retired(instance)) {
                return instance;
            }
            forget(instance);
            dead.add(instance);
        }
        return null;
    }

    private void release(Instance instance) {
        boolean terminate;
        boolean lostProvisioned = false;
        synchronized (this) {
            boolean retired = retired(instance);
            if (provisioned.contains(instance)) {
                lostProvisioned = !draining && retired;
                terminate = draining || retired || !provisioned.release(instance);
                if (terminate) {
                    provisioned.remove(instance);
                }
            } else {
                terminate = draining || retired;
                if (terminate) {
                    forget(instance);
                } else {
                    idle.addLast(instance);
                }
            }
        }
        if (terminate) {
            instance.close();
        }
        if (lostProvisioned) {
            replenish();
        }
    }

    /**
     * Keeps {@code instances} provisioned instances: starts the missing ones in the background and stops the
     * surplus (idle ones now, busy ones when their invocation ends). Forgets an earlier failure to start one.
     */
    void provision(int instances) {
        List<Instance> surplus;
        synchronized (this) {
            if (draining) {
                return;
            }
            surplus = provisioned.target(instances);
            hasProvisioned = instances > 0;
        }
        surplus.forEach(Instance::close);
        replenish();
    }

    /** Starts provisioned instances until ready and starting ones reach the target. */
    private void replenish() {
        int missing;
        synchronized (this) {
            missing = draining ? 0 : provisioned.toStart();
        }
        for (int i = 0; i < missing; i++) {
            start(InitializationType.PROVISIONED_CONCURRENCY, InitPhase.INIT).whenComplete(this::provisionedStarted);
        }
    }

    private void provisionedStarted(Instance instance, Throwable failure) {
        if (failure != null || instance.isDead() || instance.initFailed()) {
            synchronized (this) {
                provisioned.startFailed(failure == null ? INIT_FAILURE
                        : "Gust could not start an instance: " + Completions.cause(failure).getMessage());
            }
            if (instance != null) {
                instance.close();
            }
            return;
        }
        boolean kept;
        List<Instance> replaced = new ArrayList<>();
        synchronized (this) {
            kept = !draining && provisioned.started(instance, replaced);
        }
        if (!kept) {
            instance.close();
        }
        replaced.forEach(Instance::close);
    }

    /** The allocation of this version's provisioned instances. */
    synchronized ProvisionedConcurrency.Allocation allocation() {
        return new ProvisionedConcurrency.Allocation(provisioned.target(), provisioned.readyCount(),
                provisioned.failure());
    }

    /**
     * Terminates on-demand instances idle for longer than {@code keepAliveNanos}, and dead or expired idle ones;
     * dead or expired idle provisioned instances are replaced, live ones stay however long they idle, and those
     * nearing the end of their lifetime get a successor that replaces them once ready.
     */
    void reap(long nowNanos, long keepAliveNanos) {
        List<Instance> expired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(instance -> {
                boolean old = instance.isDead() || instance.expired(nowNanos)
                        || nowNanos - instance.lastUsedNanos() > keepAliveNanos;
                if (old) {
                    expired.add(instance);
                    all.remove(instance);
                }
                return old;
            });
        }
        List<Instance> lost;
        int successors;
        synchronized (this) {
            lost = hasProvisioned ? provisioned.removeIdle(instance -> instance.isDead() || instance.expired(nowNanos))
                    : List.of();
            successors = hasProvisioned && !draining
                    ? provisioned.replace(instance -> instance.dueForReplacement(nowNanos)) : 0;
        }
        expired.forEach(Instance::close);
        lost.forEach(Instance::close);
        if (!lost.isEmpty()) {
            replenish();
        }
        for (int i = 0; i < successors; i++) { // each stops its predecessor once ready (ProvisionedInstances rule 5)
            start(InitializationType.PROVISIONED_CONCURRENCY, InitPhase.INIT).whenComplete(this::provisionedStarted);
        }
    }

    /** Stops handing out instances; idle ones stop now, busy ones when their invocation ends. */
    void drain() {
        List<Instance> stopping;
        synchronized (this) {
            draining = true;
            hasProvisioned = false;
            stopping = new ArrayList<>(idle);
            idle.clear();
            all.removeAll(stopping);
            stopping.addAll(provisioned.target(0));
        }
        stopping.forEach(Instance::close);
    }

    /** Stops every instance (shutdown). */
    void close() {
        List<Instance> stopping;
        synchronized (this) {
            draining = true;
            hasProvisioned = false;
            stopping = new ArrayList<>(all);
            stopping.addAll(provisioned.clear());
            idle.clear();
            all.clear();
        }
        stopping.forEach(Instance::close);
    }

    /** Every instance, on-demand and provisioned. */
    synchronized int size() {
        return all.size() + provisioned.size();
    }

    /** Whether an instance may take no further invocation: dead, or past its lifetime. */
    private static boolean retired(Instance instance) {
        return instance.isDead() || instance.expired();
    }

    private void forget(Instance instance) {
        all.remove(instance);
    }
}
