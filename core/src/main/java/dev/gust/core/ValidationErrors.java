package dev.gust.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects model-constraint violations of one request and reports them the way AWS does:
 * {@code "2 validation errors detected: Value '0' at 'timeout' failed to satisfy constraint: ...; Value ..."}.
 *
 * <p>Not thread-safe; one instance per request.
 */
public final class ValidationErrors {

    private final List<String> errors = new ArrayList<>();

    /** Records a violation: {@code Value 'VALUE' at 'MEMBER' failed to satisfy constraint: CONSTRAINT}. */
    public ValidationErrors add(Object value, String member, String constraint) {
        String shown = value == null ? "null" : "'" + value + "'";
        errors.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    public ValidationErrors requireNotNull(Object value, String member) {
        if (value == null) {
            add(null, member, "Member must not be null");
        }
        return this;
    }

    public ValidationErrors requireRange(Integer value, String member, int min, int max) {
        if (value != null && value < min) {
            add(value, member, "Member must have value greater than or equal to " + min);
        } else if (value != null && value > max) {
            add(value, member, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    public ValidationErrors requireMaxLength(String value, String member, int max) {
        if (value != null && value.length() > max) {
            add(value, member, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** Records a violation if {@code value} is set and does not match {@code pattern} (AWS's text of it). */
    public ValidationErrors requirePattern(String value, String member, String pattern) {
        if (value != null && !value.matches(pattern)) {
            add(value, member, "Member must satisfy regular expression pattern: " + pattern);
        }
        return this;
    }

    /** Throws {@code ValidationException} if anything was recorded. */
    public void throwIfAny() {
        message().ifPresent(message -> {
            throw LambdaException.validation(message);
        });
    }

    /**
     * AWS's message for what was recorded ({@code "1 validation error detected: ..."}), or empty if nothing was: for
     * services whose validation errors are not Lambda's {@code ValidationException}.
     */
    public Optional<String> message() {
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        String count = errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
        return Optional.of(count + String.join("; ", errors));
    }
}
