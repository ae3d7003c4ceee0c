package dev.gust.sns;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * SNS's list paging: at most 100 items a page, and an opaque {@code NextToken} (the last ARN of the page, encoded)
 * when more follow. Stateless.
 */
final class Paging {

    static final int PAGE = 100;

    /** One page of a list. */
    record Page<T>(List<T> items, String nextToken) {
    }

    private Paging() {
    }

    /**
     * The page of {@code sorted} (sorted by {@code arn}) after {@code token}.
     *
     * @throws dev.gust.edge.EdgeException {@code InvalidParameter} for a token this server did not give
     */
    static <T> Page<T> page(List<T> sorted, Function<T, String> arn, String token) {
        int from = 0;
        if (token != null) {
            String after;
            try {
                after = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw SnsErrors.invalidParameter("NextToken");
            }
            while (from < sorted.size() && arn.apply(sorted.get(from)).compareTo(after) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + PAGE);
        String next = to < sorted.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(arn.apply(sorted.get(to - 1)).getBytes(StandardCharsets.UTF_8)) : null;
        return new Page<>(sorted.subList(from, to), next);
    }
}
