package dev.gust.policy;

/** How an ordered value (a number, a date) must compare with the policy's value. */
enum Comparison {
    EQUALS,
    LESS_THAN,
    LESS_THAN_EQUALS,
    GREATER_THAN,
    GREATER_THAN_EQUALS;

    /** Whether {@code requestValue.compareTo(policyValue)} = {@code order} satisfies this comparison. */
    boolean holds(int order) {
        return switch (this) {
            case EQUALS -> order == 0;
            case LESS_THAN -> order < 0;
            case LESS_THAN_EQUALS -> order <= 0;
            case GREATER_THAN -> order > 0;
            case GREATER_THAN_EQUALS -> order >= 0;
        };
    }
}
