package dev.gust.httpevents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

    /** A response with a JSON body ({@code Content-Type: application/json}), such as API Gateway's error bodies. */
    public static HttpResponse json(int statusCode, String json) {
        return new HttpResponse(statusCode, List.of(new Header("Content-Type", "application/json")),
                json.getBytes(StandardCharsets.UTF_8));
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

    /** Every value of the headers named {@code name} (case-insensitive), in order. */
    public List<String> headerValues(String name) {
        return RequestHeaders.all(headers, name);
    }

    /** This response with {@code header} added after the others. */
    public HttpResponse withHeader(Header header) {
        List<Header> more = new ArrayList<>(headers);
        more.add(header);
        return new HttpResponse(statusCode, more, body);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
