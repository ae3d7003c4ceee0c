package dev.gust.async;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to asynchronous events, per function, since the server started; for the metrics endpoint.
 * Thread-safe.
 */
final class DeliveryCounters {

    /** The outcomes counted. */
    enum Outcome {
        /** the function ran without error */
        DELIVERED,
        /** an attempt failed (function error, throttle, system error) and the event was queued again */
        RETRIED,
        /** the event grew older than its maximum age */
        EXPIRED,
        /** the event was discarded: retries exhausted, or the function no longer exists */
        DROPPED
    }

    private final Map<String, LongAdder[]> byFunction = new ConcurrentHashMap<>();

    void count(String functionName, Outcome outcome) {
        byFunction.computeIfAbsent(functionName, name -> newAdders())[outcome.ordinal()].increment();
    }

    /** A copy: function name → outcome name (lower case) → count. */
    Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        byFunction.forEach((name, adders) -> {
            Map<String, Long> counts = new TreeMap<>();
            for (Outcome outcome : Outcome.values()) {
                counts.put(outcome.name().toLowerCase(java.util.Locale.ROOT), adders[outcome.ordinal()].sum());
            }
            copy.put(name, counts);
        });
        return copy;
    }

    private static LongAdder[] newAdders() {
        LongAdder[] adders = new LongAdder[Outcome.values().length];
        for (int i = 0; i < adders.length; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
