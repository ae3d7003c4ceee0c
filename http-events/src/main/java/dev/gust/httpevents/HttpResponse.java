package dev.gust.httpevents;

import java.util.List;

/**
 * The HTTP response an HTTP trigger sends for a function's answer, as AWS maps it.
 *
 * @param statusCode the status
 * @param headers the headers in order; several with one name (each {@code Set-Cookie}) are several fields
 * @param body the body bytes (decoded from base64 when the function said {@code isBase64Encoded})
 */
public record HttpResponse(int statusCode, List<Header> headers, byte[] body) {

    public HttpResponse {
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }
}
