package dev.gust.api.functions;

/** What a qualifier is: {@code $LATEST}, a version number, or an alias name. Stateless. */
final class QualifierRules {

    private QualifierRules() {
    }

    /** Whether {@code qualifier} is a version number. */
    static boolean isNumber(String qualifier) {
        return !qualifier.isEmpty() && qualifier.length() <= 18 && qualifier.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
