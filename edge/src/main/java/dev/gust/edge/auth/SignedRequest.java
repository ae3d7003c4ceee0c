package dev.gust.edge.auth;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The parts of an HTTP request that a SigV4 signature covers, exactly as they arrived.
 *
 * <p>The verifier reads {@code body} through a duplicate, so its position and limit are left unchanged; the
 * caller must not modify the buffer while a verification is running.
 *
 * @param method the request method, such as {@code GET}
 * @param rawPath the path as sent on the wire, still percent-encoded (for example
 *     {@code /2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo/configuration})
 * @param rawQuery the query after {@code ?} as sent on the wire, still percent-encoded; empty if there is none
 * @param headers the request headers
 * @param body the request body between its position and limit; empty if there is none
 */
public record SignedRequest(String method, String rawPath, String rawQuery, RequestHeaders headers, ByteBuffer body) {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    public SignedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(headers, "headers");
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? EMPTY : body;
    }

    /** A request whose body is {@code body} (not copied), or empty if {@code body} is {@code null}. */
    public static SignedRequest of(String method, String rawPath, String rawQuery, RequestHeaders headers,
            byte[] body) {
        return new SignedRequest(method, rawPath, rawQuery, headers, body == null ? null : ByteBuffer.wrap(body));
    }
}
