package dev.gust.edge.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable {@link RequestHeaders} backed by a case-insensitive sorted map. Thread-safe. */
final class CaseInsensitiveHeaders implements RequestHeaders {

    private final Map<String, List<String>> values;

    private CaseInsensitiveHeaders(Map<String, List<String>> values) {
        this.values = values;
    }

    static CaseInsensitiveHeaders copyOf(Map<String, ? extends List<String>> headers) {
        TreeMap<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, list) -> merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(list));
        merged.replaceAll((name, list) -> List.copyOf(list));
        return new CaseInsensitiveHeaders(merged);
    }

    @Override
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
