package dev.gust.edge.auth;

import java.util.Arrays;

/**
 * A raw query string split into its name/value pairs, still percent-encoded, and its SigV4 canonical form.
 * Immutable and thread-safe.
 *
 * <p>A pair without {@code =} has an empty value; empty pairs ({@code a=1&&b=2}) are skipped.
 */
final class QueryString {

    private static final String[] NONE = new String[0];
    static final QueryString EMPTY = new QueryString(NONE, NONE);

    private final String[] rawNames;
    private final String[] rawValues;

    private QueryString(String[] rawNames, String[] rawValues) {
        this.rawNames = rawNames;
        this.rawValues = rawValues;
    }

    static QueryString parse(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return EMPTY;
        }
        int pairs = 1;
        for (int i = 0; i < rawQuery.length(); i++) {
            if (rawQuery.charAt(i) == '&') {
                pairs++;
            }
        }
        String[] names = new String[pairs];
        String[] values = new String[pairs];
        int count = 0;
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) {
                end = rawQuery.length();
            }
            if (end > start) {
                int equals = rawQuery.indexOf('=', start);
                if (equals < 0 || equals > end) {
                    names[count] = rawQuery.substring(start, end);
                    values[count] = "";
                } else {
                    names[count] = rawQuery.substring(start, equals);
                    values[count] = rawQuery.substring(equals + 1, end);
                }
                count++;
            }
            start = end + 1;
        }
        return new QueryString(Arrays.copyOf(names, count), Arrays.copyOf(values, count));
    }

    /** Whether a parameter is present whose decoded name is {@code name}, with or without a value. */
    boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** The decoded value of the first parameter whose decoded name is {@code name}, or {@code null}. */
    String value(String name) {
        int i = indexOf(name);
        return i < 0 ? null : UriEncoding.decode(rawValues[i]);
    }

    /**
     * Appends the canonical query string: every parameter but {@code excludedName} (which may be {@code null}),
     * as {@code name=value} in canonical encoding, sorted by name and then by value, joined by {@code &}.
     */
    void appendCanonical(StringBuilder out, String excludedName) {
        Parameter[] parameters = new Parameter[rawNames.length];
        int count = 0;
        for (int i = 0; i < rawNames.length; i++) {
            if (excludedName == null || !excludedName.equals(UriEncoding.decode(rawNames[i]))) {
                parameters[count++] = new Parameter(UriEncoding.canonicalQueryComponent(rawNames[i]),
                        UriEncoding.canonicalQueryComponent(rawValues[i]));
            }
        }
        if (count > 1) {
            Arrays.sort(parameters, 0, count);
        }
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append('&');
            }
            out.append(parameters[i].name).append('=').append(parameters[i].value);
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < rawNames.length; i++) {
            if (name.equals(UriEncoding.decode(rawNames[i]))) {
                return i;
            }
        }
        return -1;
    }

    /** One parameter in canonical encoding; ordered by name, then value (code-unit order of ASCII strings). */
    private record Parameter(String name, String value) implements Comparable<Parameter> {

        @Override
        public int compareTo(Parameter other) {
            int byName = name.compareTo(other.name);
            return byName != 0 ? byName : value.compareTo(other.value);
        }
    }
}
