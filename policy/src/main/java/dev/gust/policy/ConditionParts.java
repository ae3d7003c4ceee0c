package dev.gust.policy;

import java.util.Locale;

/**
 * A condition operator's name taken apart: {@code ForAllValues:StringLikeIfExists} is the set operator
 * {@code ForAllValues}, the operator {@code StringLike} and {@code IfExists}. Names are matched in any case.
 */
record ConditionParts(Condition.SetOperator set, ConditionOperator operator, boolean ifExists) {

    private static final String IF_EXISTS = "ifexists";

    /** The parts of {@code name}, or {@code null} if it is no operator ({@code Null} takes no {@code IfExists}). */
    static ConditionParts of(String name) {
        String rest = name.toLowerCase(Locale.ROOT);
        Condition.SetOperator set = Condition.SetOperator.NONE;
        if (rest.startsWith("foranyvalue:")) {
            set = Condition.SetOperator.FOR_ANY_VALUE;
            rest = rest.substring("foranyvalue:".length());
        } else if (rest.startsWith("forallvalues:")) {
            set = Condition.SetOperator.FOR_ALL_VALUES;
            rest = rest.substring("forallvalues:".length());
        }
        ConditionOperator operator = ConditionOperator.named(rest);
        boolean ifExists = false;
        if (operator == null && rest.endsWith(IF_EXISTS)) {
            operator = ConditionOperator.named(rest.substring(0, rest.length() - IF_EXISTS.length()));
            ifExists = true;
            if (operator == ConditionOperator.NULL) {
                return null;
            }
        }
        return operator == null ? null : new ConditionParts(set, operator, ifExists);
    }
}
