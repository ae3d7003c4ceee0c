package dev.gust.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing a runtime sends gets a 5xx from its Runtime API endpoint: seeded random requests over the API's paths,
 * methods, headers and bodies, and malformed raw HTTP, each over a plain socket. Afterwards the endpoint still
 * delivers an invocation.
 */
class RuntimeApiClientMistakesTest {

    /** Bounded so that the run takes a few seconds; the seed makes a failure reproducible. */
    private static final int FUZZED_REQUESTS = 500;
    private static final long SEED = 21;
    /**
     * Everything but {@code /init/error}: an accepted init error is final, and the endpoint then answers every
     * request 500 as Lambda's does (the runtime must exit), by design.
     */
    private static final List<String> PATHS = List.of("/2018-06-01/runtime/invocation/%s/response",
            "/2018-06-01/runtime/invocation/%s/error", "/2018-06-01/runtime/init/%s",
            "/2018-06-01/runtime/invocation/%s", "/2018-06-01/runtime/%s", "/2018-06-01/%s", "/%s",
            "/2020-01-01/extension/register", "/2018-06-01/runtime/invocation/%s/response/extra");
    private static final List<String> IDS = List.of("req-1", "", "..", "%2e%2e", "%zz", "%", "a%2Fb", "next",
            "x".repeat(3000), "%00", "%E2%82", "é");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "FOO");
    private static final List<String> HEADERS = List.of("Content-Type: application/json",
            "Content-Type: multipart/form-data; boundary=x", "Content-Type: application/x-www-form-urlencoded",
            "Lambda-Runtime-Function-Error-Type: Unhandled", "Lambda-Runtime-Function-Error-Type: " + "e".repeat(9000),
            "Lambda-Runtime-Function-Error-Body: " + "%zz", "Expect: 100-continue", "Transfer-Encoding: chunked",
            "Content-Length: -1", "Content-Encoding: gzip", "X: \u00ff",
            "Lambda-Runtime-Function-Response-Mode: streaming", "Lambda-Runtime-Function-Response-Mode: " + "s".repeat(70));
    private static final List<String> BODIES = List.of("", "{}", "{", "null", "\"text\"", "[".repeat(5000),
            "{\"errorMessage\":1,\"errorType\":[]}", "\u0000\u0001", "a=b&c=d", "--x\r\n\r\n--x--");
    private static final List<String> MALFORMED = List.of(
            "CONNECT example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET http://example.com/2018-06-01/runtime/invocation/req-1/error HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /2018-06-01/runtime/invocation/%zz/response HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
            "POST /2018-06-01/runtime/invocation/%/error HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(70_000) + "\r\n\r\n",
            "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
            "POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.0\r\n\r\n",
            "POST /2018-06-01/runtime/invocation/req-1/error HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{}",
            "GET / HTTP/2.0\r\nHost: x\r\n\r\n",
            "POST /2018-06-01/runtime/invocation/req-1/response HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked"
                    + "\r\n\r\n0\r\n\r\n",
            "GET\r\n\r\n",
            "\u0000\u0001\u0002junk\r\n\r\n");

    private Vertx vertx;
    private RuntimeApiEndpoint endpoint;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void open() throws Exception {
        vertx = Vertx.vertx();
        endpoint = new RuntimeApiEndpoints(vertx).open(listener).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        endpoint.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void fuzzedRequestsGetNoServerError() throws Exception {
        Random random = new Random(SEED);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < FUZZED_REQUESTS; i++) {
            String path = String.format(pick(random, PATHS), pick(random, IDS));
            if (random.nextInt(5) == 0) {
                path += "?" + pick(random, List.of("a=%zz", "a=1&a=2", "%=%", "x=" + "y".repeat(100)));
            }
            String method = random.nextInt(4) == 0 ? pick(random, METHODS) : "POST";
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: x\r\n");
            for (int h = random.nextInt(3); h > 0; h--) {
                request.append(pick(random, HEADERS)).append("\r\n");
            }
            String body = pick(random, BODIES);
            if (request.indexOf("Content-Length") < 0 && request.indexOf("Transfer-Encoding") < 0) {
                request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            boolean chunked = request.indexOf("Transfer-Encoding: chunked") >= 0;
            request.append(chunked ? Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n" : body);
            int status = exchange(request.toString());
            if (status >= 500) {
                problems.add(status + " <- " + shown(request.toString()));
            }
        }
        assertThat(problems).isEmpty();
        assertStillDelivers();
    }

    @Test
    void malformedRawHttpGetsNoServerError() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String request : MALFORMED) {
            int status = exchange(request);
            if (status >= 500) {
                problems.add(status + " <- " + shown(request));
            }
        }
        assertThat(problems).isEmpty();
        assertStillDelivers();
    }

    /** A parked {@code GET /next} still receives an offered invocation. */
    private void assertStillDelivers() throws Exception {
        endpoint.offer(new Invocation("after", "{}".getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L,
                "arn:aws:lambda:us-east-1:123456789012:function:f", null, null, null));
        String next = send("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(next).startsWith("HTTP/1.1 200").contains("Lambda-Runtime-Aws-Request-Id: after");
    }

    /** The status the endpoint answered {@code request} with; 0 when it closed the connection unanswered. */
    private int exchange(String request) throws IOException {
        String response = send(request);
        return response.startsWith("HTTP/1.") && response.length() >= 12
                ? Integer.parseInt(response.substring(9, 12)) : 0;
    }

    private String send(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            socket.setSoTimeout(500);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (SocketException closedEarly) {
                // answered and closed before reading everything: read the answer
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | SocketException stopped) {
                // a parked or reset exchange: what arrived is the answer
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String shown(String request) {
        return request.length() > 300 ? request.substring(0, 300) + "..." : request;
    }
}
