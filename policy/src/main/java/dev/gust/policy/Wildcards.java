package dev.gust.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compiled string pattern of the policy language: literal characters, the wildcards {@code *} (any run of
 * characters) and {@code ?} (any one character) when wildcards are on, and policy variables ({@code ${aws:username}},
 * {@code ${aws:username, 'default'}}, and {@code ${*}}, {@code ${?}}, {@code ${$}} for the literal characters) when
 * the policy's version has them. Matching allocates nothing for a pattern without variables. Immutable.
 */
final class Wildcards {

    /** Matches any run of characters, including none. */
    static final int STAR = -1;
    /** Matches exactly one character. */
    static final int ONE = -2;

    private final String source;
    private final boolean ignoreCase;
    /** The whole pattern when it has no variable, else {@code null}. */
    private final int[] fixed;
    /** The pattern's parts (an {@code int[]} of codes or a {@link Variable}) when it has a variable, else {@code null}. */
    private final Object[] parts;

    private Wildcards(String source, boolean ignoreCase, List<Object> parts) {
        this.source = source;
        this.ignoreCase = ignoreCase;
        if (parts.size() == 1 && parts.getFirst() instanceof int[] codes) {
            this.fixed = codes;
            this.parts = null;
        } else if (parts.isEmpty()) {
            this.fixed = new int[0];
            this.parts = null;
        } else {
            this.fixed = null;
            this.parts = parts.toArray();
        }
    }

    /** Whether the pattern has a policy variable, whose value comes from the request's condition keys. */
    boolean hasVariables() {
        return parts != null;
    }

    /**
     * Compiles a pattern.
     *
     * @param wildcards whether {@code *} and {@code ?} are wildcards ({@code StringLike}, resources, actions) or
     *     literal characters ({@code StringEquals})
     * @param variables whether {@code ${...}} is a policy variable (version {@code 2012-10-17})
     * @param ignoreCase whether letters match in any case
     */
    static Wildcards compile(String pattern, boolean wildcards, boolean variables, boolean ignoreCase) {
        List<Object> parts = new ArrayList<>();
        int[] codes = new int[pattern.length()];
        int n = 0;
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int close = variables && c == '$' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{'
                    ? pattern.indexOf('}', i + 2) : -1;
            if (close > 0) {
                String name = pattern.substring(i + 2, close).trim();
                if (name.equals("*") || name.equals("?") || name.equals("$")) {
                    codes[n++] = fold(name.charAt(0), ignoreCase);
                } else {
                    if (n > 0) {
                        parts.add(Arrays.copyOf(codes, n));
                        n = 0;
                    }
                    parts.add(Variable.of(name));
                }
                i = close + 1;
                continue;
            }
            codes[n++] = wildcards && c == '*' ? STAR : wildcards && c == '?' ? ONE : fold(c, ignoreCase);
            i++;
        }
        if (n > 0 || parts.isEmpty()) {
            parts.add(Arrays.copyOf(codes, n));
        }
        return new Wildcards(pattern, ignoreCase, parts);
    }

    /** Whether the pattern is exactly {@code *}. */
    boolean matchesEverything() {
        return fixed != null && fixed.length == 1 && fixed[0] == STAR;
    }

    /** Whether {@code value} matches the whole pattern, with the request's values for its variables. */
    boolean matches(String value, RequestContext request) {
        return matches(value, 0, value.length(), request);
    }

    /**
     * Whether {@code value[from, to)} matches the whole pattern; a variable the request has no value for (and no
     * default) matches nothing, as on AWS.
     */
    boolean matches(String value, int from, int to, RequestContext request) {
        int[] pattern = fixed != null ? fixed : resolve(request);
        return pattern != null && matches(pattern, value, from, to, ignoreCase);
    }

    private int[] resolve(RequestContext request) {
        List<int[]> pieces = new ArrayList<>(parts.length);
        int length = 0;
        for (Object part : parts) {
            int[] codes;
            if (part instanceof Variable variable) {
                String value = variable.valueIn(request);
                if (value == null) {
                    return null;
                }
                codes = value.chars().map(c -> fold((char) c, ignoreCase)).toArray();
            } else {
                codes = (int[]) part;
            }
            pieces.add(codes);
            length += codes.length;
        }
        int[] pattern = new int[length];
        int at = 0;
        for (int[] piece : pieces) {
            System.arraycopy(piece, 0, pattern, at, piece.length);
            at += piece.length;
        }
        return pattern;
    }

    /** Glob matching with backtracking to the last {@code *}: linear in practice, no recursion. */
    private static boolean matches(int[] pattern, String value, int from, int to, boolean ignoreCase) {
        int p = 0;
        int v = from;
        int star = -1;
        int mark = from;
        while (v < to) {
            if (p < pattern.length && (pattern[p] == ONE
                    || pattern[p] >= 0 && pattern[p] == fold(value.charAt(v), ignoreCase))) {
                p++;
                v++;
            } else if (p < pattern.length && pattern[p] == STAR) {
                star = p++;
                mark = v;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == STAR) {
            p++;
        }
        return p == pattern.length;
    }

    private static int fold(char c, boolean ignoreCase) {
        return ignoreCase ? Character.toLowerCase(Character.toUpperCase(c)) : c;
    }

    @Override
    public String toString() {
        return source;
    }

    /** A policy variable: a condition key whose (single) value the request supplies, with an optional default. */
    private record Variable(String lowerKey, String defaultValue) {

        static Variable of(String text) {
            int comma = text.indexOf(',');
            if (comma < 0) {
                return new Variable(RequestContext.lowerKey(text), null);
            }
            String fallback = text.substring(comma + 1).trim();
            if (fallback.length() >= 2 && fallback.startsWith("'") && fallback.endsWith("'")) {
                fallback = fallback.substring(1, fallback.length() - 1);
            }
            return new Variable(RequestContext.lowerKey(text.substring(0, comma).trim()), fallback);
        }

        String valueIn(RequestContext request) {
            List<String> values = request.valuesOfLowerKey(lowerKey);
            return values != null && values.size() == 1 ? values.getFirst() : defaultValue;
        }
    }
}
