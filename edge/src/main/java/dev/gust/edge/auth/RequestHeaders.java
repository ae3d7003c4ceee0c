package dev.gust.edge.auth;

import java.util.List;
import java.util.Map;

/**
 * The header fields of a request as a read-only multimap whose names are case-insensitive.
 *
 * <p>An HTTP layer can usually adapt its own header map without copying (for Vert.x:
 * {@code request.headers()::getAll}). Implementations must be safe to read from the thread that verifies the
 * request; they are never modified by the verifier.
 */
@FunctionalInterface
public interface RequestHeaders {

    /** Every value of the named header in arrival order, or an empty list; {@code name} is matched ignoring case. */
    List<String> all(String name);

    /** The first value of the named header, or {@code null} if it is absent. */
    default String first(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.getFirst();
    }

    /** An immutable copy of {@code headers}; names that differ only in case are merged, values keep their order. */
    static RequestHeaders of(Map<String, ? extends List<String>> headers) {
        return CaseInsensitiveHeaders.copyOf(headers);
    }
}
