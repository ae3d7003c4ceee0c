package dev.gust.policy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A condition operator of the policy language without its {@code ForAnyValue:}/{@code ForAllValues:} prefix and
 * {@code IfExists} suffix (IAM JSON policy elements: Condition operators). A negated operator ({@code StringNotEquals},
 * {@code NotIpAddress}, ...) is true when no policy value matches, and when the request lacks the key.
 */
enum ConditionOperator {
    STRING_EQUALS("StringEquals", false, Kind.STRING),
    STRING_NOT_EQUALS("StringNotEquals", true, Kind.STRING),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, Kind.STRING_IGNORE_CASE),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, Kind.STRING_IGNORE_CASE),
    STRING_LIKE("StringLike", false, Kind.STRING_LIKE),
    STRING_NOT_LIKE("StringNotLike", true, Kind.STRING_LIKE),
    NUMERIC_EQUALS("NumericEquals", false, Kind.NUMERIC, Comparison.EQUALS),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, Kind.NUMERIC, Comparison.EQUALS),
    NUMERIC_LESS_THAN("NumericLessThan", false, Kind.NUMERIC, Comparison.LESS_THAN),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, Kind.NUMERIC, Comparison.LESS_THAN_EQUALS),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, Kind.NUMERIC, Comparison.GREATER_THAN),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, Kind.NUMERIC, Comparison.GREATER_THAN_EQUALS),
    DATE_EQUALS("DateEquals", false, Kind.DATE, Comparison.EQUALS),
    DATE_NOT_EQUALS("DateNotEquals", true, Kind.DATE, Comparison.EQUALS),
    DATE_LESS_THAN("DateLessThan", false, Kind.DATE, Comparison.LESS_THAN),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, Kind.DATE, Comparison.LESS_THAN_EQUALS),
    DATE_GREATER_THAN("DateGreaterThan", false, Kind.DATE, Comparison.GREATER_THAN),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, Kind.DATE, Comparison.GREATER_THAN_EQUALS),
    BOOL("Bool", false, Kind.BOOL),
    BINARY_EQUALS("BinaryEquals", false, Kind.BINARY),
    IP_ADDRESS("IpAddress", false, Kind.IP),
    NOT_IP_ADDRESS("NotIpAddress", true, Kind.IP),
    ARN_EQUALS("ArnEquals", false, Kind.ARN),
    ARN_LIKE("ArnLike", false, Kind.ARN),
    ARN_NOT_EQUALS("ArnNotEquals", true, Kind.ARN),
    ARN_NOT_LIKE("ArnNotLike", true, Kind.ARN),
    NULL("Null", false, Kind.NULL);

    private static final Map<String, ConditionOperator> BY_NAME = new HashMap<>();

    static {
        for (ConditionOperator operator : values()) {
            BY_NAME.put(operator.operatorName.toLowerCase(Locale.ROOT), operator);
        }
    }

    private final String operatorName;
    private final boolean negated;
    private final Kind kind;
    private final Comparison comparison;

    ConditionOperator(String operatorName, boolean negated, Kind kind) {
        this(operatorName, negated, kind, Comparison.EQUALS);
    }

    ConditionOperator(String operatorName, boolean negated, Kind kind, Comparison comparison) {
        this.operatorName = operatorName;
        this.negated = negated;
        this.kind = kind;
        this.comparison = comparison;
    }

    /** The operator named {@code name} (in any case), or {@code null}. */
    static ConditionOperator named(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    String operatorName() {
        return operatorName;
    }

    /** Whether the operator is true when no policy value matches. */
    boolean negated() {
        return negated;
    }

    /**
     * Compiles one of the policy's values for this operator.
     *
     * @param variables whether policy variables are expanded (version {@code 2012-10-17}; strings and ARNs only)
     * @throws MalformedPolicyException for a number, date or address IAM cannot read
     */
    ValueTest compile(String value, boolean variables) {
        return switch (kind) {
            case STRING -> string(Wildcards.compile(value, false, variables, false));
            case STRING_IGNORE_CASE -> string(Wildcards.compile(value, false, variables, true));
            case STRING_LIKE -> string(Wildcards.compile(value, true, variables, false));
            case ARN -> arn(ArnPattern.compile(value, variables));
            case NUMERIC -> numeric(PolicyValues.number(value), comparison);
            case DATE -> date(PolicyValues.epochMillis(value), comparison);
            case BOOL -> (actual, request) -> actual.equalsIgnoreCase(value);
            case BINARY -> (actual, request) -> actual.equals(value);
            case IP -> ip(Cidr.parse(value));
            case NULL -> {
                boolean absent = PolicyValues.bool(value);
                yield (actual, request) -> absent == (actual == null);
            }
        };
    }

    private static ValueTest string(Wildcards pattern) {
        return pattern::matches;
    }

    private static ValueTest arn(ArnPattern pattern) {
        return pattern::matches;
    }

    private static ValueTest numeric(BigDecimal expected, Comparison comparison) {
        return (actual, request) -> {
            BigDecimal number = PolicyValues.numberOrNull(actual);
            return number != null && comparison.holds(number.compareTo(expected));
        };
    }

    private static ValueTest date(long expectedMillis, Comparison comparison) {
        return (actual, request) -> {
            Long millis = PolicyValues.epochMillisOrNull(actual);
            return millis != null && comparison.holds(Long.compare(millis, expectedMillis));
        };
    }

    private static ValueTest ip(Cidr block) {
        return (actual, request) -> block.contains(actual);
    }

    /** How an operator reads its values. */
    private enum Kind {
        STRING, STRING_IGNORE_CASE, STRING_LIKE, ARN, NUMERIC, DATE, BOOL, BINARY, IP, NULL
    }
}
