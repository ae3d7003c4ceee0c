package dev.gust.async;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The deliveries in flight per function: an entry exists only while its count is above zero, so the map holds at
 * most as many entries as there are deliveries in flight, however many functions ever received events.
 * Thread-safe.
 */
final class InFlightCounts {

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    void started(String function) {
        counts.merge(function, 1, Integer::sum);
    }

    void ended(String function) {
        counts.computeIfPresent(function, (name, count) -> count > 1 ? count - 1 : null);
    }

    /** The functions with at least {@code limit} deliveries in flight. */
    Set<String> atLeast(int limit) {
        return counts.entrySet().stream()
                .filter(entry -> entry.getValue() >= limit)
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** How many functions have a delivery in flight. */
    int functions() {
        return counts.size();
    }
}
