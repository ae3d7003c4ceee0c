package dev.gust.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The bookkeeping of one function version's provisioned instances: how many are wanted (the target), how many are
 * starting, which are ready and which of those are idle, and why a start failed. It decides; its owner starts and
 * stops the instances.
 *
 * <p>Rules: (1) ready + starting is brought up to the target ({@link #toStart}); (2) an instance that finishes
 * starting beyond the target, or that is released while ready exceeds the target, is surplus and stops; (3) an
 * instance lost (dead) leaves the set, so that {@link #toStart} replaces it; (4) a failed start is remembered until
 * the target is set again; (5) an instance due for replacement ({@link #replace}) keeps serving while its
 * successor starts, and stops when the successor is ready (at once if idle, else when released). Not thread-safe:
 * the owning {@link FunctionPool} calls it under its lock.
 *
 * @param <I> the instance type ({@link Instance} in the engine)
 */
final class ProvisionedInstances<I> {

    private final Set<I> ready = new HashSet<>();
    private final ArrayDeque<I> idle = new ArrayDeque<>();
    /** Ready instances whose successor is starting. */
    private final Set<I> retiring = new HashSet<>();
    /** Instances whose successor is ready: they stop when released. */
    private final Set<I> replaced = new HashSet<>();
    private int target;
    private int starting;
    private String failure;

    /**
     * Sets the target and forgets earlier failures; returns the idle instances now surplus, removed from the set
     * (the caller stops them). Busy surplus instances stop when they are released.
     */
    List<I> target(int instances) {
        target = instances;
        failure = null;
        List<I> surplus = new ArrayList<>();
        while (ready.size() - replaced.size() > target && !idle.isEmpty()) {
            I instance = idle.pollFirst(); // the least recently used first
            ready.remove(instance);
            retiring.remove(instance);
            surplus.add(instance);
        }
        return surplus;
    }

    int target() {
        return target;
    }

    /** How many instances to start now to reach the target; they count as starting from here. */
    int toStart() {
        int missing = Math.max(0, target - ready.size() - starting);
        starting += missing;
        return missing;
    }

    /** A start succeeded: {@code true} if the instance joins the set (idle), {@code false} if it is surplus. */
    boolean started(I instance) {
        return started(instance, new ArrayList<>());
    }

    /**
     * A start succeeded: {@code true} if the instance joins the set (idle), {@code false} if it is surplus. If it
     * succeeds an instance due for replacement, that one leaves the set: added to {@code stop} if idle, else stopped
     * when released.
     */
    boolean started(I instance, List<I> stop) {
        starting--;
        if (!retiring.isEmpty()) {
            I predecessor = retiring.iterator().next();
            retiring.remove(predecessor);
            if (idle.remove(predecessor)) {
                ready.remove(predecessor);
                stop.add(predecessor);
            } else if (ready.contains(predecessor)) {
                replaced.add(predecessor);
            }
        }
        if (ready.size() - replaced.size() >= target) {
            return false;
        }
        ready.add(instance);
        idle.addLast(instance);
        return true;
    }

    /**
     * Marks the ready instances for which {@code due} holds, and not yet marked, for replacement: each keeps serving
     * while a successor starts. Returns how many successors to start now; they count as starting from here.
     */
    int replace(Predicate<I> due) {
        int successors = 0;
        for (I instance : ready) {
            if (!retiring.contains(instance) && !replaced.contains(instance) && due.test(instance)) {
                retiring.add(instance);
                successors++;
            }
        }
        starting += successors;
        return successors;
    }

    /** A start failed: the reason is kept until the target is set again. */
    void startFailed(String reason) {
        starting--;
        failure = reason;
    }

    boolean contains(I instance) {
        return ready.contains(instance);
    }

    /**
     * An idle instance for an invocation, preferring one for which {@code preferred} holds, most recently used
     * first; {@code null} if none is idle.
     */
    I take(Predicate<I> preferred) {
        for (Iterator<I> it = idle.descendingIterator(); it.hasNext(); ) {
            I instance = it.next();
            if (preferred.test(instance)) {
                it.remove();
                return instance;
            }
        }
        return idle.pollLast();
    }

    /**
     * An instance of the set ended its invocation: {@code true} if it stays (idle again), {@code false} if it is
     * surplus or replaced.
     */
    boolean release(I instance) {
        if (replaced.remove(instance)) {
            ready.remove(instance);
            return false;
        }
        if (ready.size() - replaced.size() > target) {
            ready.remove(instance);
            return false;
        }
        idle.addLast(instance);
        return true;
    }

    /** An instance of the set died or is being stopped: it leaves the set. */
    void remove(I instance) {
        ready.remove(instance);
        idle.remove(instance);
        retiring.remove(instance);
        replaced.remove(instance);
    }

    /** Removes and returns the idle instances for which {@code dead} holds. */
    List<I> removeIdle(Predicate<I> dead) {
        List<I> removed = new ArrayList<>();
        idle.removeIf(instance -> {
            if (dead.test(instance)) {
                ready.remove(instance);
                retiring.remove(instance);
                removed.add(instance);
                return true;
            }
            return false;
        });
        return removed;
    }

    /** Empties the set (drain, shutdown); returns the instances that were in it. */
    List<I> clear() {
        List<I> all = new ArrayList<>(ready);
        ready.clear();
        idle.clear();
        retiring.clear();
        replaced.clear();
        target = 0;
        return all;
    }

    /** Ready instances, counting at most the target. */
    int readyCount() {
        return Math.min(ready.size() - replaced.size(), target);
    }

    int size() {
        return ready.size();
    }

    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
