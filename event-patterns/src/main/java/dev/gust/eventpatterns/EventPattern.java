package dev.gust.eventpatterns;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import software.amazon.event.ruler.Machine;
import software.amazon.event.ruler.RuleCompiler;

/**
 * One filter pattern ({@code {"body": {"status": ["done"]}}}) with AWS's semantics: exact values, {@code prefix},
 * {@code suffix}, {@code anything-but}, {@code numeric}, {@code exists}, {@code wildcard},
 * {@code equals-ignore-case}, {@code cidr} and {@code $or}. Compiled once; {@link #matches} is thread-safe, does no
 * I/O and compiles nothing.
 */
public final class EventPattern {

    private static final String RULE = "pattern";

    private final String source;
    private final Machine machine;

    private EventPattern(String source, Machine machine) {
        this.source = source;
        this.machine = machine;
    }

    /**
     * Validates and compiles {@code pattern}.
     *
     * @throws InvalidPatternException with event-ruler's reason when the pattern is not valid
     */
    public static EventPattern compile(String pattern) throws InvalidPatternException {
        Objects.requireNonNull(pattern, "pattern");
        String problem = RuleCompiler.check(pattern);
        if (problem != null) {
            throw new InvalidPatternException(problem);
        }
        Machine machine = new Machine();
        try {
            machine.addRule(RULE, pattern);
        } catch (Exception e) {
            throw new InvalidPatternException(e.getMessage() == null ? "invalid pattern" : e.getMessage());
        }
        return new EventPattern(pattern, machine);
    }

    /** Whether the JSON document {@code event} matches; a document that is not a JSON object matches nothing. */
    public boolean matches(String event) {
        try {
            return !machine.rulesForJSONEvent(event).isEmpty();
        } catch (Exception notJson) {
            return false;
        }
    }

    /** Whether the JSON object {@code event} matches. */
    public boolean matches(JsonNode event) {
        return event != null && event.isObject() && !machine.rulesForJSONEvent(event).isEmpty();
    }

    /** The pattern as it was given. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
