package dev.gust.eventpatterns;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Several patterns, of which an event must match any one: how Lambda combines an event source mapping's
 * {@code FilterCriteria.Filters}. No patterns match every event. Immutable and thread-safe.
 */
public final class EventPatterns {

    private static final EventPatterns NONE = new EventPatterns(List.of());

    private final List<EventPattern> patterns;

    private EventPatterns(List<EventPattern> patterns) {
        this.patterns = patterns;
    }

    /** No patterns: every event passes. */
    public static EventPatterns none() {
        return NONE;
    }

    /**
     * Validates and compiles each pattern.
     *
     * @throws InvalidPatternException for the first pattern that is not valid
     */
    public static EventPatterns compile(List<String> patterns) throws InvalidPatternException {
        if (patterns == null || patterns.isEmpty()) {
            return NONE;
        }
        List<EventPattern> compiled = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            compiled.add(EventPattern.compile(pattern));
        }
        return new EventPatterns(List.copyOf(compiled));
    }

    /** Whether there are no patterns (every event passes). */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether {@code event} (a JSON object) passes: no patterns, or any one matches. */
    public boolean matches(JsonNode event) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (EventPattern pattern : patterns) {
            if (pattern.matches(event)) {
                return true;
            }
        }
        return false;
    }
}
