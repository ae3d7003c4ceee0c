package dev.gust.policy;

/**
 * A compiled ARN pattern, as {@code Resource} and the {@code Arn*} condition operators match them: case-sensitive,
 * each of the six colon-separated parts ({@code arn:partition:service:region:account:resource}) matched on its own,
 * so a wildcard in one part never spans a colon into the next (the resource part may itself contain colons). A
 * pattern that is not ARN-shaped, such as {@code *}, matches the whole string. Immutable.
 */
final class ArnPattern {

    private static final int PARTS = 6;

    private final String source;
    /** The six parts' patterns, or {@code null} when the pattern is matched as a whole. */
    private final Wildcards[] parts;
    private final Wildcards whole;

    private ArnPattern(String source, Wildcards[] parts, Wildcards whole) {
        this.source = source;
        this.parts = parts;
        this.whole = whole;
    }

    static ArnPattern compile(String pattern, boolean variables) {
        int[] colons = colons(pattern, variables);
        if (colons == null) {
            return new ArnPattern(pattern, null, Wildcards.compile(pattern, true, variables, false));
        }
        Wildcards[] parts = new Wildcards[PARTS];
        int start = 0;
        for (int i = 0; i < PARTS; i++) {
            int end = i < PARTS - 1 ? colons[i] : pattern.length();
            parts[i] = Wildcards.compile(pattern.substring(start, end), true, variables, false);
            start = end + 1;
        }
        return new ArnPattern(pattern, parts, null);
    }

    /** Whether the pattern has a policy variable, whose value comes from the request's condition keys. */
    boolean hasVariables() {
        if (parts == null) {
            return whole.hasVariables();
        }
        for (Wildcards part : parts) {
            if (part.hasVariables()) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code arn} matches: part by part for an ARN-shaped pattern. */
    boolean matches(String arn, RequestContext request) {
        if (parts == null) {
            return whole.matches(arn, request);
        }
        int start = 0;
        for (int i = 0; i < PARTS; i++) {
            int end = i < PARTS - 1 ? arn.indexOf(':', start) : arn.length();
            if (end < 0 || !parts[i].matches(arn, start, end, request)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    /**
     * The positions of the pattern's first five colons outside policy variables ({@code ${aws:username}} has one), or
     * {@code null} if there are fewer.
     */
    private static int[] colons(String pattern, boolean variables) {
        int[] colons = new int[PARTS - 1];
        int found = 0;
        for (int i = 0; i < pattern.length() && found < colons.length; i++) {
            char c = pattern.charAt(i);
            if (variables && c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                int close = pattern.indexOf('}', i + 2);
                if (close > 0) {
                    i = close;
                    continue;
                }
            }
            if (c == ':') {
                colons[found++] = i;
            }
        }
        return found == colons.length ? colons : null;
    }

    @Override
    public String toString() {
        return source;
    }
}
