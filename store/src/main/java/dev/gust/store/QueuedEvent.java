package dev.gust.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * One asynchronous invocation as the {@link EventQueue} keeps it between attempts.
 *
 * <p>Instants are truncated to microseconds, the precision every store keeps, so an event reads back equal to
 * the one enqueued. Immutable except for {@code payload}, which is not copied (events are up to 1 MB and pass
 * through at thousands per second): nobody may modify the array after constructing the event. Equality compares
 * the payload's contents.
 *
 * @param requestId the invocation's request id (a UUID string), the same on every attempt
 * @param functionName the function's name
 * @param qualifier the version or alias the caller named, or {@code null} when it named none
 * @param payload the event bytes as the caller sent them; the store does not police their size
 * @param enqueuedAt when Invoke accepted the event; the event's age counts from here
 * @param attempts how many attempts already failed with a function error (throttles and system errors do not
 *     count)
 * @param nextAttemptAt the event is not delivered before this instant
 */
public record QueuedEvent(String requestId, String functionName, String qualifier, byte[] payload,
        Instant enqueuedAt, int attempts, Instant nextAttemptAt) {

    public QueuedEvent {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(payload, "payload");
        enqueuedAt = enqueuedAt.truncatedTo(ChronoUnit.MICROS);
        nextAttemptAt = nextAttemptAt.truncatedTo(ChronoUnit.MICROS);
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
    }

    /** A new event as Invoke accepts it: no attempt made yet, due at once. */
    public static QueuedEvent accepted(String requestId, String functionName, String qualifier, byte[] payload,
            Instant now) {
        return new QueuedEvent(requestId, functionName, qualifier, payload, now, 0, now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueuedEvent e && requestId.equals(e.requestId) && functionName.equals(e.functionName)
                && Objects.equals(qualifier, e.qualifier) && Arrays.equals(payload, e.payload)
                && enqueuedAt.equals(e.enqueuedAt) && attempts == e.attempts && nextAttemptAt.equals(e.nextAttemptAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, functionName, qualifier, Arrays.hashCode(payload), enqueuedAt, attempts,
                nextAttemptAt);
    }

    @Override
    public String toString() {
        return "QueuedEvent[requestId=" + requestId + ", functionName=" + functionName + ", qualifier=" + qualifier
                + ", payload=" + payload.length + " bytes, enqueuedAt=" + enqueuedAt + ", attempts=" + attempts
                + ", nextAttemptAt=" + nextAttemptAt + "]";
    }
}
