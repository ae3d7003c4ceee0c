package dev.gust.eventsources;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many poll loops one mapping runs: a loop is added whenever a batch arrives and no other loop is waiting on the
 * queue (one per batch in flight plus one receiving), and whenever a full batch arrives (a backlog), at AWS's pace:
 * five at once, then one every {@link #GROWTH_INTERVAL_MILLIS} (300 a minute; a token bucket), up to the mapping's
 * {@code ScalingConfig.MaximumConcurrency} and a ceiling that a throttle lowers to the loops that were running and
 * each successful invocation raises by one (additive increase, multiplicative decrease: the loops settle at the
 * function's available concurrency). Lock-free and thread-safe.
 */
final class PollerScaling {

    /** The most loops of a mapping without {@code MaximumConcurrency}: Lambda's default maximum for SQS. */
    static final int DEFAULT_MAXIMUM = 1_000;

    /**
     * How often a loop may be added once the burst is spent: AWS's SQS pollers add up to 300 concurrent invocations a
     * minute. (Each new loop may cost the function a cold start: faster growth buried small machines in instances.)
     */
    static final long GROWTH_INTERVAL_MILLIS = 200;
    /** The loops that may be added at once: AWS starts with five concurrent batches. */
    static final int GROWTH_BURST = 5;

    private final AtomicInteger loops = new AtomicInteger();
    /** The token bucket's state: when it would have been full (tokens are what the time since then bought). */
    private final AtomicLong bucketFullAt = new AtomicLong(Long.MIN_VALUE / 2);
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

    /**
     * Counts a loop added to keep up with the queue, unless the growth bucket is empty or the loops are at their limit;
     * answers whether the caller may start it.
     */
    boolean tryGrow(long nowMillis) {
        while (true) {
            long fullAt = bucketFullAt.get();
            long emptyAt = fullAt - GROWTH_BURST * GROWTH_INTERVAL_MILLIS;
            long start = Math.max(emptyAt, nowMillis - GROWTH_BURST * GROWTH_INTERVAL_MILLIS);
            if (nowMillis - start < GROWTH_INTERVAL_MILLIS) {
                return false; // no token
            }
            // take one token: the bucket is full one interval later than it would have been
            if (bucketFullAt.compareAndSet(fullAt, start + GROWTH_BURST * GROWTH_INTERVAL_MILLIS
                    + GROWTH_INTERVAL_MILLIS)) {
                return tryAdd();
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
