package dev.gust.api.sigv4;

import java.util.ArrayList;
import java.util.List;

/** Splits a raw query string into still-encoded name/value pairs. Stateless. */
final class QueryParameters {

    private QueryParameters() {
    }

    static List<String[]> parse(String rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            pairs.add(eq < 0 ? new String[] {part, ""} : new String[] {part.substring(0, eq), part.substring(eq + 1)});
        }
        return pairs;
    }

    /** The first value of a parameter, decoded. */
    static String first(List<String[]> pairs, String name) {
        for (String[] pair : pairs) {
            if (UriEncoding.decode(pair[0]).equals(name)) {
                return UriEncoding.decode(pair[1]);
            }
        }
        return null;
    }
}
