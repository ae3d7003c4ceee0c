package dev.gust.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each pool was last drained, kept only as long as a pool load that started earlier is still in flight: a
 * load asks {@link #drainedSince} whether its version changed while it read the store, and no other question
 * needs the history. So the log holds at most the drains that overlap loads in flight, however many functions
 * ever existed. Thread-safe (one lock; loads and drains are control-plane events, never on the warm path).
 *
 * @param <K> what names a pool
 */
final class DrainLog<K> {

    private long clock;
    private final Map<K, Long> drainedAt = new HashMap<>();
    /** Loads in flight by the clock value they started at. */
    private final TreeMap<Long, Integer> loads = new TreeMap<>();

    /** Records a load's start; pass the answer to {@link #drainedSince} and {@link #loadEnded}. */
    synchronized long loadStarted() {
        loads.merge(clock, 1, Integer::sum);
        return clock;
    }

    synchronized void loadEnded(long startedAt) {
        loads.computeIfPresent(startedAt, (at, count) -> count > 1 ? count - 1 : null);
        evict();
    }

    synchronized void drained(K key) {
        drainedAt.put(key, ++clock);
        evict();
    }

    /** Whether {@code key} was drained after the load that started at {@code startedAt}. */
    synchronized boolean drainedSince(K key, long startedAt) {
        return drainedAt.getOrDefault(key, Long.MIN_VALUE) > startedAt;
    }

    /** How many drains are remembered. */
    synchronized int size() {
        return drainedAt.size();
    }

    private void evict() {
        long oldest = loads.isEmpty() ? clock : loads.firstKey();
        drainedAt.values().removeIf(at -> at <= oldest);
    }
}
