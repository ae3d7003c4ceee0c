package dev.gust.policy;

import java.util.List;

/**
 * One compiled condition of a statement: an operator (with its set prefix and {@code IfExists}), one condition key
 * and the policy's values for it. Several values match when any of them does (for a negated operator: when none
 * does). Immutable.
 */
final class Condition {

    /** The {@code ForAnyValue:}/{@code ForAllValues:} prefix of a condition on a multivalued key. */
    enum SetOperator {
        NONE, FOR_ANY_VALUE, FOR_ALL_VALUES
    }

    private final SetOperator set;
    private final ConditionOperator operator;
    private final boolean ifExists;
    private final String lowerKey;
    private final ValueTest[] values;

    Condition(SetOperator set, ConditionOperator operator, boolean ifExists, String key, List<ValueTest> values) {
        this.set = set;
        this.operator = operator;
        this.ifExists = ifExists;
        this.lowerKey = RequestContext.lowerKey(key);
        this.values = values.toArray(ValueTest[]::new);
    }

    /** Whether the request satisfies this condition. */
    boolean test(RequestContext request) {
        List<String> actual = request.valuesOfLowerKey(lowerKey);
        if (operator == ConditionOperator.NULL) {
            return matchesAny(actual == null ? null : actual.getFirst(), request);
        }
        if (actual == null) {
            return switch (set) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> false;
                case NONE -> ifExists || operator.negated();
            };
        }
        return switch (set) {
            case NONE -> operator.negated() ? noneMatches(actual, request) : !noneMatches(actual, request);
            case FOR_ANY_VALUE -> {
                for (String value : actual) {
                    if (matchesAny(value, request) != operator.negated()) {
                        yield true;
                    }
                }
                yield false;
            }
            case FOR_ALL_VALUES -> {
                for (String value : actual) {
                    if (matchesAny(value, request) == operator.negated()) {
                        yield false;
                    }
                }
                yield true;
            }
        };
    }

    private boolean noneMatches(List<String> actual, RequestContext request) {
        for (String value : actual) {
            if (matchesAny(value, request)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesAny(String value, RequestContext request) {
        for (ValueTest test : values) {
            if (test.test(value, request)) {
                return true;
            }
        }
        return false;
    }
}
