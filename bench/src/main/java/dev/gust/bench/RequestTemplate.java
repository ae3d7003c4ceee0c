package dev.gust.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 request, serialized once and replayed verbatim on keep-alive connections.
 *
 * @param host the server's address (127.0.0.1)
 * @param port the server's port
 * @param bytes the request as written to the socket
 */
public record RequestTemplate(String host, int port, byte[] bytes) {

    /** A request with the given headers (plus {@code Host} and {@code Content-Length}). */
    public static RequestTemplate of(String method, String host, int port, String pathAndQuery,
            Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(pathAndQuery)
                .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return new RequestTemplate(host, port, out.toByteArray());
    }

    /** A synchronous Lambda {@code Invoke} of {@code function}, signed once. */
    public static RequestTemplate invoke(SigV4Signer signer, int port, String function, byte[] payload,
            Map<String, String> extraHeaders) {
        return post(signer, port, "/2015-03-31/functions/" + function + "/invocations", payload, extraHeaders);
    }

    /** An {@code InvokeWithResponseStream} of {@code function}, signed once. */
    public static RequestTemplate invokeWithResponseStream(SigV4Signer signer, int port, String function,
            byte[] payload) {
        return post(signer, port, "/2021-11-15/functions/" + function + "/response-streaming-invocations", payload,
                Map.of());
    }

    private static RequestTemplate post(SigV4Signer signer, int port, String path, byte[] payload,
            Map<String, String> extraHeaders) {
        String host = "127.0.0.1";
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (signer != null) {
            headers.putAll(signer.sign("POST", host + ':' + port, path, "", payload));
        }
        headers.put("Content-Type", "application/json");
        return of("POST", host, port, path, headers, payload);
    }
}
