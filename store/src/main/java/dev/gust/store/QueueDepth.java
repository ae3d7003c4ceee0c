package dev.gust.store;

import java.time.Instant;

/**
 * How many events of one function the {@link EventQueue} holds, for metrics.
 *
 * @param functionName the function
 * @param events stored events of the function, leased ones included (at least 1)
 * @param oldestEnqueuedAt the {@link QueuedEvent#enqueuedAt()} of its oldest event
 */
public record QueueDepth(String functionName, long events, Instant oldestEnqueuedAt) {
}
