package dev.gust.engine;

import dev.gust.core.Completions;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The instances of one function version (one {@code RevisionId} of {@code $LATEST}): warm idle instances are
 * reused most-recently-used first; when none is idle a new instance is started for the invocation.
 *
 * <p>An invocation prefers an idle instance on its own event loop (see {@link #takeIdle}).
 *
 * <p>Thread-safe: the idle stack changes under this object's lock only. A draining pool (its version was
 * replaced) hands out no instance and terminates each as it becomes idle.
 */
final class FunctionPool {

    /** How many dead warm instances one invocation may run into before it fails. */
    private static final int MAX_LOST_INSTANCES = 3;

    private final Supplier<CompletableFuture<Instance>> starter;
    private final ArrayDeque<Instance> idle = new ArrayDeque<>();
    private final List<Instance> all = new ArrayList<>();
    private boolean draining;

    FunctionPool(Supplier<CompletableFuture<Instance>> starter) {
        this.starter = starter;
    }

    /**
     * Runs one invocation on a warm instance, or on a new one. A warm instance found dead when the invocation
     * reaches it ({@link InstanceLost}) is replaced without the caller noticing.
     */
    CompletableFuture<InvocationResult> invoke(InvocationRequest request) {
        return invoke(request, MAX_LOST_INSTANCES);
    }

    private CompletableFuture<InvocationResult> invoke(InvocationRequest request, int lostAllowed) {
        Instance warm = takeIdle();
        CompletableFuture<InvocationResult> result = warm != null ? runOn(warm, request)
                : starter.get().thenCompose(instance -> {
                    synchronized (this) {
                        all.add(instance);
                    }
                    return runOn(instance, request);
                });
        return result.exceptionallyCompose(failure -> lostAllowed > 0 && Completions.cause(failure) instanceof InstanceLost
                ? invoke(request, lostAllowed - 1) : CompletableFuture.failedFuture(failure));
    }

    private CompletableFuture<InvocationResult> runOn(Instance instance, InvocationRequest request) {
        return instance.run(request).whenComplete((result, failure) -> release(instance));
    }

    /**
     * The most recently used idle instance whose endpoint runs on the calling thread's event loop, so that the
     * invocation crosses no thread; otherwise the most recently used idle instance.
     */
    private synchronized Instance takeIdle() {
        for (Iterator<Instance> it = idle.descendingIterator(); it.hasNext(); ) {
            Instance instance = it.next();
            if (instance.onCurrentThread()) {
                it.remove();
                if (!instance.isDead()) {
                    return instance;
                }
                forget(instance);
            }
        }
        while (!idle.isEmpty()) {
            Instance instance = idle.pollLast();
            if (!instance.isDead()) {
                return instance;
            }
            forget(instance);
        }
        return null;
    }

    private void release(Instance instance) {
        boolean terminate;
        synchronized (this) {
            terminate = draining || instance.isDead();
            if (terminate) {
                forget(instance);
            } else {
                idle.addLast(instance);
            }
        }
        if (terminate) {
            instance.close();
        }
    }

    /** Terminates idle instances unused for longer than {@code keepAliveNanos}. */
    void reap(long nowNanos, long keepAliveNanos) {
        List<Instance> expired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(instance -> {
                boolean old = instance.isDead() || nowNanos - instance.lastUsedNanos() > keepAliveNanos;
                if (old) {
                    expired.add(instance);
                    all.remove(instance);
                }
                return old;
            });
        }
        expired.forEach(Instance::close);
    }

    /** Stops handing out instances; idle ones stop now, busy ones when their invocation ends. */
    void drain() {
        List<Instance> stopping;
        synchronized (this) {
            draining = true;
            stopping = new ArrayList<>(idle);
            idle.clear();
            all.removeAll(stopping);
        }
        stopping.forEach(Instance::close);
    }

    /** Stops every instance (shutdown). */
    void close() {
        List<Instance> stopping;
        synchronized (this) {
            draining = true;
            stopping = new ArrayList<>(all);
            idle.clear();
            all.clear();
        }
        stopping.forEach(Instance::close);
    }

    synchronized int size() {
        return all.size();
    }

    private void forget(Instance instance) {
        all.remove(instance);
    }
}
