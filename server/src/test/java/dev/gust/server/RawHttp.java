package dev.gust.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send: any method, any request target, any bytes.
 * Each exchange opens one connection, writes the request and reads one response (or whatever arrives before the
 * server closes the connection).
 */
final class RawHttp {

    private RawHttp() {
    }

    /** One response as read from the socket: status 0 when the server closed the connection without answering. */
    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code request} as is to {@code endpoint}'s host and port and reads the response. */
    static Response exchange(URI endpoint, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 5_000);
            socket.setSoTimeout(15_000);
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            } catch (SocketException closedEarly) {
                // the server may answer and close before reading everything; read what it said
            }
            return read(socket.getInputStream());
        }
    }

    /**
     * A request signed with SigV4 by the AWS SDK's signer, as the server's own key pair, for Lambda in us-east-1.
     * {@code target} is written to the wire as given; the signature is computed over {@code signedTarget}, which
     * must parse as a URI (the same as {@code target} unless a test wants a target no URI can hold).
     */
    static byte[] signed(URI endpoint, String method, String target, String signedTarget, Map<String, String> headers,
            byte[] body) {
        return signed(endpoint, "lambda", method, target, signedTarget, headers, body, body.length);
    }

    /** A request signed for {@code service} (its signing name), the target signed as {@code signedTarget}. */
    static byte[] signed(URI endpoint, String service, String method, String target, String signedTarget,
            Map<String, String> headers, byte[] body) {
        return signed(endpoint, service, method, target, signedTarget, headers, body, body.length);
    }

    /** A request to {@code service} (its signing name), signed as {@link #signed(URI, String, String, String, Map, byte[])}. */
    static byte[] signedFor(URI endpoint, String service, String method, String target, Map<String, String> headers,
            byte[] body) {
        return signed(endpoint, service, method, target, target, headers, body, body.length);
    }

    /**
     * The head of a signed request that declares a body of {@code contentLength} bytes, without the body: what a
     * client sends before a server refuses its body (the signature covers an empty body, which the server can only
     * find out after reading the body).
     */
    static byte[] signedHead(URI endpoint, String method, String target, long contentLength) {
        return signed(endpoint, "lambda", method, target, target, Map.of("Content-Type", "application/json"),
                new byte[0], contentLength);
    }

    private static byte[] signed(URI endpoint, String service, String method, String target, String signedTarget,
            Map<String, String> headers, byte[] body, long contentLength) {
        SdkHttpFullRequest.Builder builder = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method.toUpperCase(Locale.ROOT)))
                .uri(URI.create(endpoint + signedTarget));
        headers.forEach(builder::putHeader);
        var signed = AwsV4HttpSigner.create().sign(b -> b
                .identity(AwsCredentialsIdentity.create(GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY))
                .request(builder.build()).payload(() -> new ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", endpoint.getHost() + ":" + endpoint.getPort());
        signed.request().headers().forEach((name, values) -> all.put(name, String.join(",", values)));
        all.put("Content-Length", Long.toString(contentLength));
        all.put("Connection", "close");
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** {@code value} percent-encoded as a path segment or query value (spaces as {@code %20}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                head.write(b);
                matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
                if (matched == 4) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // a reset after (or instead of) the answer
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/")) {
            return new Response(0, Map.of(), text);
        }
        String[] lines = text.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1)
                        .trim());
            }
        }
        String length = headers.get("content-length");
        byte[] body;
        try {
            body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readNBytes(1 << 20);
        } catch (SocketException reset) {
            body = new byte[0];
        }
        String content = new String(body, StandardCharsets.UTF_8);
        return new Response(status, headers, "chunked".equalsIgnoreCase(headers.get("transfer-encoding"))
                ? dechunked(content) : content);
    }

    /** The data of a chunked body read to its end (sizes and extensions dropped). */
    private static String dechunked(String chunked) {
        StringBuilder data = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            String sizeField = chunked.substring(at, lineEnd).split(";")[0].trim();
            int size = sizeField.isEmpty() ? 0 : Integer.parseInt(sizeField, 16);
            if (size == 0) {
                break;
            }
            int end = Math.min(chunked.length(), lineEnd + 2 + size);
            data.append(chunked, lineEnd + 2, end);
            at = end + 2;
        }
        return data.toString();
    }
}
