package dev.gust.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;

/**
 * What one {@link EventQueue#claim} asks for: who claims, how long the lease lasts and how many events to take.
 *
 * <p>Instants are truncated to microseconds like those of {@link QueuedEvent}. Immutable.
 *
 * @param owner who will hold the leases; completing or rescheduling an event requires the same owner
 * @param now the claimer's current time: events with {@code nextAttemptAt <= now} and no lease beyond
 *     {@code now} are due
 * @param leaseUntil the leases end here; the caller picks it beyond the function's timeout plus a margin, or
 *     the event is delivered again while its first delivery still runs
 * @param maxEvents at most this many events in total, at least 1
 * @param maxPerFunction at most this many events of any one function, at least 1
 * @param excludedFunctions functions to take nothing from, e.g. those at their concurrency limit
 */
public record ClaimRequest(String owner, Instant now, Instant leaseUntil, int maxEvents, int maxPerFunction,
        Set<String> excludedFunctions) {

    public ClaimRequest {
        Objects.requireNonNull(owner, "owner");
        now = now.truncatedTo(ChronoUnit.MICROS);
        leaseUntil = leaseUntil.truncatedTo(ChronoUnit.MICROS);
        excludedFunctions = Set.copyOf(excludedFunctions);
        if (!leaseUntil.isAfter(now)) {
            throw new IllegalArgumentException("leaseUntil must be after now: " + leaseUntil + " <= " + now);
        }
        if (maxEvents < 1 || maxPerFunction < 1) {
            throw new IllegalArgumentException("maxEvents and maxPerFunction must be at least 1: " + maxEvents
                    + ", " + maxPerFunction);
        }
    }

    /** A claim over every function. */
    public static ClaimRequest of(String owner, Instant now, Instant leaseUntil, int maxEvents, int maxPerFunction) {
        return new ClaimRequest(owner, now, leaseUntil, maxEvents, maxPerFunction, Set.of());
    }

    /** The same claim, taking nothing from {@code functions}. */
    public ClaimRequest excluding(Set<String> functions) {
        return new ClaimRequest(owner, now, leaseUntil, maxEvents, maxPerFunction, functions);
    }
}
