package dev.gust.async;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How Gust delivers asynchronous invocations; immutable.
 *
 * @param maxConcurrentDeliveries events being delivered at once, over all functions
 * @param maxConcurrentPerFunction events of one function being delivered at once
 * @param retryDelays the wait before the first, second, … retry after a function error (Lambda: about 1 and then
 *     2 minutes); the last one repeats if more retries are configured than delays given
 * @param backoffMin the first wait after a throttle or a system error; it doubles on each one …
 * @param backoffMax … up to this
 * @param pollInterval how often the queue is checked for events that became due (new events wake the
 *     dispatcher at once)
 * @param lease how long a claimed event stays reserved to this node: beyond the longest function timeout
 */
public record AsyncSettings(int maxConcurrentDeliveries, int maxConcurrentPerFunction, List<Duration> retryDelays,
        Duration backoffMin, Duration backoffMax, Duration pollInterval, Duration lease) {

    /** Lambda's delays, 32 deliveries at once, a lease of 16 minutes (the 15-minute timeout plus a margin). */
    public static final AsyncSettings DEFAULTS = new AsyncSettings(32, 32,
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofMillis(100), Duration.ofMinutes(16));

    public AsyncSettings {
        if (maxConcurrentDeliveries < 1 || maxConcurrentPerFunction < 1) {
            throw new IllegalArgumentException("concurrent deliveries must be at least 1");
        }
        retryDelays = List.copyOf(retryDelays);
        if (retryDelays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        Objects.requireNonNull(backoffMin, "backoffMin");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(lease, "lease");
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    public Duration retryDelay(int retry) {
        return retryDelays.get(Math.min(retry, retryDelays.size()) - 1);
    }

    /** The wait after the {@code n}-th consecutive throttle or system error (1 for the first). */
    public Duration backoff(int n) {
        Duration delay = backoffMin;
        for (int i = 1; i < n && delay.compareTo(backoffMax) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(backoffMax) > 0 ? backoffMax : delay;
    }
}
