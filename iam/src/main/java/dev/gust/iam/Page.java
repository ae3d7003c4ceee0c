package dev.gust.iam;

import dev.gust.edge.QueryXml;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer ({@code Marker}/{@code MaxItems} in, {@code IsTruncated}/{@code Marker} out); the marker
 * is the key of the first item of the next page. Immutable.
 *
 * @param items the page's items
 * @param nextMarker the marker to ask for the next page, or {@code null} on the last page
 */
record Page<T>(List<T> items, String nextMarker) {

    /** The default {@code MaxItems} of IAM's list actions. */
    static final int DEFAULT_MAX_ITEMS = 100;

    /**
     * The page of {@code sorted} (ordered by {@code key}) that {@code parameters}' {@code Marker} and
     * {@code MaxItems} ask for.
     */
    static <T> Page<T> of(List<T> sorted, Function<T, String> key, IamParameters parameters) {
        String marker = parameters.optional("Marker", 1, 320, "[\\u0020-\\u00FF]+");
        Integer maxItems = parameters.integer("MaxItems", 1, 1000);
        parameters.validate();
        int size = maxItems == null ? DEFAULT_MAX_ITEMS : maxItems;
        int from = 0;
        if (marker != null) {
            while (from < sorted.size() && key.apply(sorted.get(from)).compareTo(marker) < 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + size);
        return new Page<>(sorted.subList(from, to), to < sorted.size() ? key.apply(sorted.get(to)) : null);
    }

    /** Writes {@code IsTruncated} and, if truncated, {@code Marker}. */
    void end(QueryXml xml) {
        xml.element("IsTruncated", nextMarker != null).element("Marker", nextMarker);
    }
}
