package dev.gust.async;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened to asynchronous events, per function, since the server started; for the metrics endpoint.
 *
 * <p>Bounded: once it counts {@link #MAX_FUNCTIONS} functions (functions created and deleted over a long run would
 * otherwise add entries forever), further functions are counted together under {@link #OTHERS}. Thread-safe.
 */
final class DeliveryCounters {

    /** How many functions are counted one by one, unless told otherwise. */
    static final int MAX_FUNCTIONS = 10_000;
    /** The name under which functions beyond the bound are counted together. */
    static final String OTHERS = "(other functions)";

    /** The outcomes counted. */
    enum Outcome {
        /** the function ran without error */
        DELIVERED,
        /** an attempt failed (function error, throttle, system error) and the event was queued again */
        RETRIED,
        /** the event grew older than its maximum age */
        EXPIRED,
        /** the event was discarded: retries exhausted, or the function no longer exists */
        DROPPED,
        /** an invocation record was lost: its destination does not exist or refused it (AWS's metric of the name) */
        DESTINATION_DELIVERY_FAILURES,
        /** a discarded event was lost: its dead-letter queue or topic does not exist or refused it (AWS's metric) */
        DEAD_LETTER_ERRORS
    }

    private final Map<String, LongAdder[]> byFunction = new ConcurrentHashMap<>();
    private final int maxFunctions;

    DeliveryCounters() {
        this(MAX_FUNCTIONS);
    }

    /** @param maxFunctions how many functions are counted one by one (a few more under concurrent first counts) */
    DeliveryCounters(int maxFunctions) {
        this.maxFunctions = maxFunctions;
    }

    void count(String functionName, Outcome outcome) {
        LongAdder[] adders = byFunction.get(functionName);
        if (adders == null) {
            String key = byFunction.size() < maxFunctions ? functionName : OTHERS;
            adders = byFunction.computeIfAbsent(key, name -> newAdders());
        }
        adders[outcome.ordinal()].increment();
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
