package dev.gust.edge.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as it travels on the wire, built by a real client in a test, that a test may then tamper with.
 * Immutable; the {@code with*} methods return changed copies.
 *
 * @param method the request method
 * @param rawPath the path, percent-encoded as the client sent it
 * @param rawQuery the query, percent-encoded as the client sent it, or empty
 * @param headers every header the client sent, in its spelling of the names
 * @param body the body bytes
 */
record WireRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    WireRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = copy(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A request for {@code uri} whose {@code Host} header is added when the client left it to its HTTP layer. */
    static WireRequest of(String method, URI uri, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> withHost = copy(headers);
        if (withHost.keySet().stream().noneMatch("host"::equalsIgnoreCase)) {
            boolean defaultPort = uri.getPort() < 0 || (uri.getScheme().equals("https") && uri.getPort() == 443)
                    || (uri.getScheme().equals("http") && uri.getPort() == 80);
            withHost.put("Host", List.of(defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort()));
        }
        return new WireRequest(method, uri.getRawPath(), uri.getRawQuery(), withHost, body);
    }

    SignedRequest toSignedRequest() {
        return SignedRequest.of(method, rawPath, rawQuery, RequestHeaders.of(headers), body);
    }

    /** A copy in which {@code name} (any case) has only {@code value}, or is added with it. */
    WireRequest withHeader(String name, String value) {
        Map<String, List<String>> changed = copy(headers);
        changed.keySet().removeIf(name::equalsIgnoreCase);
        changed.put(name, List.of(value));
        return new WireRequest(method, rawPath, rawQuery, changed, body);
    }

    WireRequest withoutHeader(String name) {
        Map<String, List<String>> changed = copy(headers);
        changed.keySet().removeIf(name::equalsIgnoreCase);
        return new WireRequest(method, rawPath, rawQuery, changed, body);
    }

    WireRequest withBody(String utf8) {
        return new WireRequest(method, rawPath, rawQuery, headers, utf8.getBytes(StandardCharsets.UTF_8));
    }

    WireRequest withRawPath(String path) {
        return new WireRequest(method, path, rawQuery, headers, body);
    }

    WireRequest withRawQuery(String query) {
        return new WireRequest(method, rawPath, query, headers, body);
    }

    /** The first value of a header, ignoring the case of its name, or {@code null}. */
    String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(new ArrayList<>(values))));
        return copy;
    }
}
