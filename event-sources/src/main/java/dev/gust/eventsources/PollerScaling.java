package dev.gust.eventsources;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many poll loops one mapping runs: a loop is added whenever a batch arrives and no other loop is waiting on the
 * queue (so the loops grow with the backlog, one per batch in flight plus one receiving), up to the mapping's
 * {@code ScalingConfig.MaximumConcurrency} and a ceiling that a throttle lowers to the loops that were running and
 * each successful invocation raises by one (additive increase, multiplicative decrease: the loops settle at the
 * function's available concurrency). Lock-free and thread-safe.
 */
final class PollerScaling {

    /** The most loops of a mapping without {@code MaximumConcurrency}: Lambda's default maximum for SQS. */
    static final int DEFAULT_MAXIMUM = 1_000;

    private final AtomicInteger loops = new AtomicInteger();
    private final AtomicInteger ceiling;
    private volatile int maximum;

    PollerScaling(Integer maximumConcurrency) {
        this.maximum = maximumOf(maximumConcurrency);
        this.ceiling = new AtomicInteger(maximum);
    }

    private static int maximumOf(Integer maximumConcurrency) {
        return maximumConcurrency == null ? DEFAULT_MAXIMUM : Math.max(1, maximumConcurrency);
    }

    /** The mapping's {@code MaximumConcurrency} changed (an update). */
    void maximum(Integer maximumConcurrency) {
        maximum = maximumOf(maximumConcurrency);
        ceiling.accumulateAndGet(maximum, Math::min);
    }

    /** Counts a new loop unless the loops are at their limit; answers whether the caller may start it. */
    boolean tryAdd() {
        while (true) {
            int current = loops.get();
            if (current >= limit()) {
                return false;
            }
            if (loops.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Counts a loop unconditionally (the first loop of a mapping). */
    void add() {
        loops.incrementAndGet();
    }

    /** A loop ended; answers how many are left. */
    int ended() {
        return loops.decrementAndGet();
    }

    /** Whether there are more loops than the limit, so that one should end (never the last). */
    boolean excess() {
        int current = loops.get();
        return current > 1 && current > limit();
    }

    /** The loops running now. */
    int loops() {
        return loops.get();
    }

    /** An invocation was throttled: the ceiling drops below the loops that were running. */
    void throttled() {
        ceiling.set(Math.max(1, loops.get() - 1));
    }

    /** An invocation ran: the ceiling rises by one, up to the maximum. */
    void invoked() {
        int max = maximum;
        ceiling.accumulateAndGet(max, (current, limit) -> Math.min(limit, current + 1));
    }

    private int limit() {
        return Math.min(maximum, ceiling.get());
    }
}
