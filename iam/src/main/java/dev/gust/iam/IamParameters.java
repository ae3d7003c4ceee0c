package dev.gust.iam;

import dev.gust.core.ValidationErrors;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one IAM request, read and checked against IAM's model: every violation is collected and
 * {@link #validate} reports them at once, as AWS does ({@code ValidationError}, 400). Not thread-safe.
 */
final class IamParameters {

    static final String NAME_PATTERN = "[\\w+=,.@-]+";
    static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
    static final String DOCUMENT_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
    static final String VERSION_PATTERN = "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?";

    private final Map<String, String> values;
    private final ValidationErrors errors = new ValidationErrors();

    IamParameters(Map<String, String> values) {
        this.values = values;
    }

    /** The raw value of {@code name}, or {@code null}. */
    String get(String name) {
        return values.get(name);
    }

    /** A required name-like parameter ({@code UserName}, {@code RoleName}, {@code PolicyName}). */
    String name(String parameter, int max) {
        String value = values.get(parameter);
        errors.requireNotNull(value, member(parameter));
        return checked(value, parameter, 1, max, NAME_PATTERN);
    }

    /** An optional name-like parameter, or {@code null}. */
    String optionalName(String parameter, int max) {
        return checked(values.get(parameter), parameter, 1, max, NAME_PATTERN);
    }

    /** An optional path ({@code /} by default). */
    String path(String parameter) {
        String value = checked(values.get(parameter), parameter, 1, 512, PATH_PATTERN);
        return value == null ? "/" : value;
    }

    /** A required policy document. */
    String document(String parameter) {
        String value = values.get(parameter);
        errors.requireNotNull(value, member(parameter));
        return checked(value, parameter, 1, 131072, DOCUMENT_PATTERN);
    }

    /** A required ARN. */
    String arn(String parameter) {
        String value = values.get(parameter);
        errors.requireNotNull(value, member(parameter));
        return checked(value, parameter, 20, 2048, null);
    }

    /** A required parameter with a pattern and bounds. */
    String required(String parameter, int min, int max, String pattern) {
        String value = values.get(parameter);
        errors.requireNotNull(value, member(parameter));
        return checked(value, parameter, min, max, pattern);
    }

    /** An optional parameter with a pattern and bounds, or {@code null}. */
    String optional(String parameter, int min, int max, String pattern) {
        return checked(values.get(parameter), parameter, min, max, pattern);
    }

    /** A required parameter that must be one of {@code allowed}. */
    String oneOf(String parameter, boolean required, String... allowed) {
        String value = values.get(parameter);
        if (required) {
            errors.requireNotNull(value, member(parameter));
        }
        if (value != null && !List.of(allowed).contains(value)) {
            errors.add(value, member(parameter), "Member must satisfy enum value set: ["
                    + String.join(", ", allowed) + "]");
        }
        return value;
    }

    /** An optional integer within bounds, or {@code null}. */
    Integer integer(String parameter, int min, int max) {
        String value = values.get(parameter);
        if (value == null) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            errors.requireRange(parsed, member(parameter), min, max);
            return parsed;
        } catch (NumberFormatException e) {
            throw IamErrors.validation("Invalid value for parameter " + parameter + ": '" + value
                    + "' is not an integer");
        }
    }

    /** An optional boolean ({@code true} or {@code false}, as the SDKs send them). */
    boolean flag(String parameter) {
        return Boolean.parseBoolean(values.get(parameter));
    }

    /** Throws {@code ValidationError} with every violation found so far. */
    void validate() {
        errors.message().ifPresent(message -> {
            throw IamErrors.validation(message);
        });
    }

    private String checked(String value, String parameter, int min, int max, String pattern) {
        if (value == null) {
            return null;
        }
        String member = member(parameter);
        if (pattern != null) {
            errors.requirePattern(value, member, pattern);
        }
        if (value.length() < min) {
            errors.add(value, member, "Member must have length greater than or equal to " + min);
        }
        errors.requireMaxLength(value, member, max);
        return value;
    }

    /** The model's member name, as AWS's messages write it: {@code UserName} is {@code userName}. */
    private static String member(String parameter) {
        return Character.toLowerCase(parameter.charAt(0)) + parameter.substring(1);
    }
}
