package dev.gust.sts;

import dev.gust.edge.EdgeException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a query-protocol request ({@code Action=AssumeRole&Version=2011-06-15&RoleArn=...}): the
 * form-encoded body of a {@code POST}, or the query string of a {@code GET}. Stateless.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * Parses each of {@code encoded} ({@code null} and empty ones are skipped); a later occurrence of a name wins.
     *
     * @throws EdgeException {@code MalformedQueryString} for a malformed percent-escape
     */
    static Map<String, String> parse(String... encoded) {
        Map<String, String> values = new HashMap<>();
        for (String form : encoded) {
            if (form == null || form.isEmpty()) {
                continue;
            }
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                values.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Map.copyOf(values);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw EdgeException.of("MalformedQueryString", 400, "The query string is malformed: " + e.getMessage());
        }
    }
}
