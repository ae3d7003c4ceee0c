package dev.gust.httpevents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's headers grouped by name, as the events present them: every value of a name in the order sent, under
 * the name's first spelling (payload 1.0 of REST APIs) or its lower-case form (payload 2.0, HTTP APIs).
 */
final class RequestHeaders {

    private RequestHeaders() {
    }

    /**
     * The values of each header name, names matched case-insensitively; keyed by the first spelling sent, or by the
     * lower-case name when {@code lowerCase}; headers named in {@code skip} (lower-case) are left out.
     */
    static Map<String, List<String>> group(List<Header> headers, boolean lowerCase, String... skip) {
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Header header : headers) {
            String lower = header.name().toLowerCase(Locale.ROOT);
            if (List.of(skip).contains(lower)) {
                continue;
            }
            String key = keys.computeIfAbsent(lower, l -> lowerCase ? l : header.name());
            grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(header.value());
        }
        return grouped;
    }

    /** Every value of the headers named {@code name} (case-insensitive), in the order sent. */
    static List<String> all(List<Header> headers, String name) {
        List<String> values = new ArrayList<>();
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                values.add(header.value());
            }
        }
        return values;
    }
}
