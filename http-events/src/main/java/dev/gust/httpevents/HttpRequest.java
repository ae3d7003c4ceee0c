package dev.gust.httpevents;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An HTTP request as an HTTP trigger (a function URL, an API Gateway API) received it, before it becomes an event.
 * Immutable by contract: the body array is shared, not copied.
 *
 * @param method the request method, as sent ({@code GET})
 * @param rawPath the path as sent, percent-encoding kept, without the query; for API Gateway the path after the
 *     stage's when the stage is not {@code $default}, as AWS gives it
 * @param rawQuery the query string as sent, without {@code ?}; empty when there is none
 * @param headers the headers in the order sent, names as sent (events lower-case and join them as AWS does)
 * @param body the body, possibly empty
 * @param sourceIp the client's address
 * @param protocol the protocol, {@code HTTP/1.1}
 * @param time when the request arrived
 */
public record HttpRequest(String method, String rawPath, String rawQuery, List<Header> headers, byte[] body,
        String sourceIp, String protocol, Instant time) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(time, "time");
    }

    /**
     * This request with its path percent-decoded ({@code +} stays a plus), as HTTP APIs deliver it: their
     * {@code rawPath} and {@code requestContext.http.path} (payload 2.0) and {@code path} (payload 1.0) are decoded,
     * where function URLs and REST APIs keep the path as sent.
     */
    public HttpRequest withDecodedPath() {
        return new HttpRequest(method, QueryString.decode(rawPath, false), rawQuery, headers, body, sourceIp, protocol,
                time);
    }

    /** The value of the first header named {@code name} (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }
}
