package dev.gust.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RuntimeApiEndpointTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:hello:1";
    private static Vertx vertx;

    private final AtomicLong ticker = new AtomicLong(42);
    private final RecordingListener listener = new RecordingListener();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<RuntimeApiEndpoint> opened = new ArrayList<>();
    private RuntimeApiEndpoints endpoints;
    private RuntimeApiEndpoint endpoint;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void open() throws Exception {
        endpoints = new RuntimeApiEndpoints(vertx, ticker::get);
        endpoint = open(listener);
    }

    @AfterEach
    void close() throws Exception {
        for (RuntimeApiEndpoint each : opened) {
            each.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        http.close();
    }

    @Test
    void aConnectionBeyondTheInstancesBoundIsClosedAtOnceAndOneFreedIsReusable() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < RuntimeApiEndpoint.MAX_CONNECTIONS; i++) {
                held.add(new Socket("127.0.0.1", endpoint.port()));
            }
            try (Socket extra = new Socket("127.0.0.1", endpoint.port())) {
                extra.setSoTimeout(5_000);
                assertThat(extra.getInputStream().read()).isEqualTo(-1);
            }
            held.removeFirst().close();
            Thread.sleep(200); // the close reaches the endpoint's event loop
            try (Socket admitted = new Socket("127.0.0.1", endpoint.port())) {
                admitted.setSoTimeout(300);
                assertThatThrownBy(() -> admitted.getInputStream().read())
                        .isInstanceOf(java.net.SocketTimeoutException.class);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void deliversAnOfferedInvocationToTheParkedNextAndReportsTheResponse() throws Exception {
        CompletableFuture<HttpResponse<String>> next = next(endpoint);
        assertThat(listener.next(RecordingListener.Ready.class).nanos()).isEqualTo(42);
        assertThat(next).isNotDone();

        endpoint.offer(invocation("req-1", "{\"hello\":\"world\"}"));
        HttpResponse<String> delivered = next.get(10, TimeUnit.SECONDS);
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.body()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(delivered.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");

        HttpResponse<String> accepted = post(endpoint, "/2018-06-01/runtime/invocation/req-1/response", "\"hi\"");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo("{\"status\":\"OK\"}");
        assertThat(listener.next(RecordingListener.Response.class))
                .isEqualTo(new RecordingListener.Response("req-1", "\"hi\""));
    }

    @Test
    void servesWarmInvocationsOneAfterAnother() throws Exception {
        CompletableFuture<HttpResponse<String>> next = next(endpoint);
        listener.next(RecordingListener.Ready.class);
        for (int i = 0; i < 5; i++) {
            endpoint.offer(invocation("req-" + i, "{\"n\":" + i + "}"));
            assertThat(next.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"n\":" + i + "}");
            assertThat(post(endpoint, "/2018-06-01/runtime/invocation/req-" + i + "/response", "" + i).statusCode())
                    .isEqualTo(202);
            assertThat(listener.next(RecordingListener.Response.class).payload()).isEqualTo("" + i);
            next = next(endpoint);
        }
        assertThat(listener.isQuiet()).isTrue();
    }

    @Test
    void holdsAnInvocationOfferedBeforeTheRuntimeAsksForIt() throws Exception {
        endpoint.offer(invocation("early", "[1,2]"));

        HttpResponse<String> delivered = next(endpoint).get(10, TimeUnit.SECONDS);

        assertThat(delivered.body()).isEqualTo("[1,2]");
        assertThat(delivered.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("early");
        assertThat(listener.next(RecordingListener.Ready.class).nanos()).isEqualTo(42);
    }

    @Test
    void sendsTheInvocationHeadersWithLambdasExactNames() throws Exception {
        endpoint.offer(new Invocation("req-h", "{}".getBytes(StandardCharsets.UTF_8), 1_542_409_706_888L, ARN,
                "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
                "{\"custom\":{\"a\":\"b\"}}", "{\"cognitoIdentityId\":\"id\",\"cognitoIdentityPoolId\":\"pool\"}"));

        String raw = rawNext(endpoint);

        assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n")
                .contains("\r\nLambda-Runtime-Aws-Request-Id: req-h\r\n")
                .contains("\r\nLambda-Runtime-Deadline-Ms: 1542409706888\r\n")
                .contains("\r\nLambda-Runtime-Invoked-Function-Arn: " + ARN + "\r\n")
                .contains("\r\nLambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;"
                        + "Parent=9a9197af755a6419;Sampled=1\r\n")
                .contains("\r\nLambda-Runtime-Client-Context: {\"custom\":{\"a\":\"b\"}}\r\n")
                .contains("\r\nLambda-Runtime-Cognito-Identity: {\"cognitoIdentityId\":\"id\","
                        + "\"cognitoIdentityPoolId\":\"pool\"}\r\n")
                .contains("\r\nContent-Type: application/json\r\n")
                .endsWith("\r\n\r\n{}");
    }

    @Test
    void leavesOutTheOptionalHeadersWhenAbsent() throws Exception {
        endpoint.offer(invocation("req-o", "{}"));

        String raw = rawNext(endpoint);

        assertThat(raw).doesNotContain("Lambda-Runtime-Trace-Id", "Lambda-Runtime-Client-Context",
                "Lambda-Runtime-Cognito-Identity");
    }

    @Test
    void passesAFunctionErrorWithItsErrorType() throws Exception {
        endpoint.offer(invocation("req-e", "{}"));
        next(endpoint).get(10, TimeUnit.SECONDS);
        String body = "{\"errorMessage\":\"boom\",\"errorType\":\"Exception\",\"stackTrace\":[]}";

        HttpResponse<String> accepted = http.send(request(endpoint, "/2018-06-01/runtime/invocation/req-e/error")
                .header("Lambda-Runtime-Function-Error-Type", "Unhandled")
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo("{\"status\":\"OK\"}");
        listener.next(RecordingListener.Ready.class);
        assertThat(listener.next(RecordingListener.FunctionError.class))
                .isEqualTo(new RecordingListener.FunctionError("req-e", "Unhandled", body));
    }

    @Test
    void rejectsAnUnknownRequestIdAndChangesNothing() throws Exception {
        endpoint.offer(invocation("req-1", "{}"));
        next(endpoint).get(10, TimeUnit.SECONDS);
        listener.next(RecordingListener.Ready.class);

        HttpResponse<String> rejected = post(endpoint, "/2018-06-01/runtime/invocation/nope/response", "1");
        HttpResponse<String> rejectedError = post(endpoint, "/2018-06-01/runtime/invocation/nope/error", "{}");

        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).isEqualTo("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        assertThat(rejected.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(rejectedError.statusCode()).isEqualTo(400);
        assertThat(listener.isQuiet()).isTrue();
        assertThat(post(endpoint, "/2018-06-01/runtime/invocation/req-1/response", "2").statusCode()).isEqualTo(202);
        assertThat(listener.next(RecordingListener.Response.class).payload()).isEqualTo("2");
    }

    @Test
    void rejectsARequestIdInFlightOnAnotherInstance() throws Exception {
        RecordingListener otherListener = new RecordingListener();
        RuntimeApiEndpoint other = open(otherListener);
        CompletableFuture<HttpResponse<String>> parkedHere = next(endpoint);
        listener.next(RecordingListener.Ready.class);
        other.offer(invocation("theirs", "{}"));
        next(other).get(10, TimeUnit.SECONDS);

        HttpResponse<String> crossPost = post(endpoint, "/2018-06-01/runtime/invocation/theirs/response", "\"stolen\"");
        HttpResponse<String> crossError = post(endpoint, "/2018-06-01/runtime/invocation/theirs/error", "{}");

        assertThat(crossPost.statusCode()).isEqualTo(400);
        assertThat(crossPost.body()).contains("\"errorType\":\"InvalidRequestID\"");
        assertThat(crossError.statusCode()).isEqualTo(400);
        assertThat(listener.isQuiet()).isTrue();
        assertThat(parkedHere).isNotDone();
        assertThat(post(other, "/2018-06-01/runtime/invocation/theirs/response", "\"mine\"").statusCode())
                .isEqualTo(202);
        otherListener.next(RecordingListener.Ready.class);
        assertThat(otherListener.next(RecordingListener.Response.class))
                .isEqualTo(new RecordingListener.Response("theirs", "\"mine\""));
    }

    @Test
    void rejectsASecondAnswerToTheSameInvocation() throws Exception {
        endpoint.offer(invocation("req-2", "{}"));
        next(endpoint).get(10, TimeUnit.SECONDS);
        assertThat(post(endpoint, "/2018-06-01/runtime/invocation/req-2/response", "1").statusCode()).isEqualTo(202);

        HttpResponse<String> again = post(endpoint, "/2018-06-01/runtime/invocation/req-2/response", "2");
        HttpResponse<String> error = post(endpoint, "/2018-06-01/runtime/invocation/req-2/error", "{}");

        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).isEqualTo("{\"errorMessage\":\"State transition from RuntimeResponseSentState to"
                + " InvocationResponse failed for runtime. Error: State transition is not allowed\","
                + "\"errorType\":\"InvalidStateTransition\"}");
        assertThat(error.statusCode()).isEqualTo(403);
        assertThat(error.body()).contains("to InvocationErrorResponse failed");
        listener.next(RecordingListener.Ready.class);
        assertThat(listener.next(RecordingListener.Response.class).payload()).isEqualTo("1");
        assertThat(listener.isQuiet()).isTrue();
    }

    @Test
    void rejectsAResponseOverSixMegabytesAndFailsTheInvocation() throws Exception {
        endpoint.offer(invocation("big", "{}"));
        next(endpoint).get(10, TimeUnit.SECONDS);
        listener.next(RecordingListener.Ready.class);
        byte[] sevenMegabytes = new byte[7 * 1024 * 1024];

        HttpResponse<String> rejected = http.send(request(endpoint, "/2018-06-01/runtime/invocation/big/response")
                .POST(BodyPublishers.ofByteArray(sevenMegabytes)).build(), BodyHandlers.ofString());

        assertThat(rejected.statusCode()).isEqualTo(413);
        assertThat(rejected.body()).isEqualTo("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556"
                + " bytes).\",\"errorType\":\"RequestEntityTooLarge\"}");
        assertThat(listener.next(RecordingListener.FunctionError.class)).isEqualTo(new RecordingListener.FunctionError(
                "big", "Function.ResponseSizeTooLarge", "{\"errorMessage\":\"Response payload size exceeded maximum"
                        + " allowed payload size (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}"));
    }

    @Test
    void acceptsAResponseOfExactlyTheLimit() throws Exception {
        endpoint.offer(invocation("edge", "{}"));
        next(endpoint).get(10, TimeUnit.SECONDS);
        listener.next(RecordingListener.Ready.class);
        byte[] limit = new byte[RuntimeApiEndpoint.MAX_PAYLOAD_BYTES];
        java.util.Arrays.fill(limit, (byte) 'a');

        HttpResponse<String> accepted = http.send(request(endpoint, "/2018-06-01/runtime/invocation/edge/response")
                .POST(BodyPublishers.ofByteArray(limit)).build(), BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(listener.next(RecordingListener.Response.class).payload()).hasSize(limit.length);
    }

    @Test
    void reportsAnInitErrorBeforeTheFirstNextAndThenTellsTheRuntimeToExit() throws Exception {
        String body = "{\"errorMessage\":\"Unable to import module 'x'\",\"errorType\":\"Runtime.ImportModuleError\"}";
        HttpResponse<String> accepted = http.send(request(endpoint, "/2018-06-01/runtime/init/error")
                .header("Lambda-Runtime-Function-Error-Type", "Runtime.ImportModuleError")
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).isEqualTo("{\"status\":\"OK\"}");
        assertThat(listener.next(RecordingListener.InitError.class))
                .isEqualTo(new RecordingListener.InitError("Runtime.ImportModuleError", body));
        HttpResponse<String> next = next(endpoint).get(10, TimeUnit.SECONDS);
        assertThat(next.statusCode()).isEqualTo(500);
        assertThat(next.body()).isEqualTo("{\"errorMessage\":\"Internal Server Error\",\"errorType\":\"InternalServerError\"}");
        assertThat(post(endpoint, "/2018-06-01/runtime/init/error", "{}").statusCode()).isEqualTo(500);
        assertThat(listener.isQuiet()).isTrue();
    }

    @Test
    void rejectsAnInitErrorAfterTheFirstNext() throws Exception {
        next(endpoint);
        listener.next(RecordingListener.Ready.class);

        HttpResponse<String> rejected = post(endpoint, "/2018-06-01/runtime/init/error", "{}");

        assertThat(rejected.statusCode()).isEqualTo(403);
        assertThat(rejected.body()).isEqualTo("{\"errorMessage\":\"State transition from Ready to InitError failed for"
                + " runtime. Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}");
        assertThat(listener.isQuiet()).isTrue();
    }

    @Test
    void rejectsASecondNextWhileOneIsParkedOrAnInvocationIsInFlight() throws Exception {
        CompletableFuture<HttpResponse<String>> parked = next(endpoint);
        listener.next(RecordingListener.Ready.class);

        assertThat(next(endpoint).get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(403);
        endpoint.offer(invocation("req-n", "{}"));
        assertThat(parked.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<String> whileRunning = next(endpoint).get(10, TimeUnit.SECONDS);
        assertThat(whileRunning.statusCode()).isEqualTo(403);
        assertThat(whileRunning.body()).contains("State transition from Running to Ready failed");
    }

    @Test
    void answersUnknownPathsWith404() throws Exception {
        assertThat(post(endpoint, "/2018-06-01/runtime/invocation/a/b/response", "1").statusCode()).isEqualTo(404);
        assertThat(post(endpoint, "/2018-06-01/runtime/invocation//response", "1").statusCode()).isEqualTo(404);
        assertThat(http.send(request(endpoint, "/2020-01-01/runtime/invocation/next").GET().build(),
                BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(http.send(request(endpoint, "/2018-06-01/runtime/invocation/next")
                .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString()).statusCode()).isEqualTo(405);
        assertThat(listener.isQuiet()).isTrue();
    }

    @Test
    void refusesASecondOfferWhileOneIsPending() {
        endpoint.offer(invocation("first", "{}"));

        assertThatThrownBy(() -> endpoint.offer(invocation("second", "{}")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void holdsTheInvocationWhenTheParkedNextWentAway() throws Exception {
        try (Socket gone = new Socket(InetAddress.getLoopbackAddress(), endpoint.port())) {
            gone.getOutputStream().write(("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            listener.next(RecordingListener.Ready.class);
        }
        Thread.sleep(200);

        endpoint.offer(invocation("survivor", "{\"ok\":true}"));

        assertThat(next(endpoint).get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void opensHundredsOfEndpointsOnOneVertxAndFreesTheirPorts() throws Exception {
        Set<Integer> ports = new HashSet<>();
        List<RuntimeApiEndpoint> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            RuntimeApiEndpoint each = endpoints.open(new RecordingListener()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            many.add(each);
            ports.add(each.port());
        }
        assertThat(ports).hasSize(300);
        assertThat(many.get(0).address()).isEqualTo("127.0.0.1:" + many.get(0).port());

        for (RuntimeApiEndpoint each : many) {
            each.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        // Closed means no longer listening: a connection is refused. (Binding the ports again instead raced with
        // other processes' outgoing connections, which take ephemeral ports from the same range.)
        for (int port : ports) {
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                    .as("port %d", port).isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void servesTheInstancesOwnUserWhenItsUidIsRequired() throws Exception {
        RuntimeApiEndpoint guarded = open(listener, OptionalInt.of(OwnUser.uid()));
        guarded.offer(invocation("mine", "{}"));

        assertThat(rawNext(guarded)).startsWith("HTTP/1.1 200 OK\r\n").contains("Lambda-Runtime-Aws-Request-Id: mine");
    }

    @Test
    void closesConnectionsOfAnyOtherUserBeforeReadingTheirRequest() throws Exception {
        RuntimeApiEndpoint guarded = open(listener, OptionalInt.of(OwnUser.uid() + 1));
        guarded.offer(invocation("not-yours", "{\"secret\":1}"));

        assertThat(rawNext(guarded)).isEmpty();
        assertThat(listener.isQuiet()).isTrue();
    }


    @Test
    void anEndpointOpenedFromAnEventLoopRunsOnThatLoopAndTakesOffersFromItWithoutAHandOff() throws Exception {
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<RuntimeApiEndpoint> openedHere = new CompletableFuture<>();
        caller.runOnContext(ignored -> endpoints.open(listener).whenComplete((opened, failure) -> {
            if (failure != null) {
                openedHere.completeExceptionally(failure);
            } else {
                openedHere.complete(opened);
            }
        }));
        RuntimeApiEndpoint local = openedHere.get(10, TimeUnit.SECONDS);
        opened.add(local);
        assertThat(local.onCurrentThread()).isFalse();
        CompletableFuture<Boolean> onCallerLoop = new CompletableFuture<>();
        caller.runOnContext(ignored -> onCallerLoop.complete(local.onCurrentThread()));
        assertThat(onCallerLoop.get(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<HttpResponse<String>> next = next(local);
        listener.next(RecordingListener.Ready.class);
        CompletableFuture<Boolean> deliveredAtOnce = new CompletableFuture<>();
        caller.runOnContext(ignored -> {
            local.offer(invocation("req-local", "{}"));
            deliveredAtOnce.complete(local.delivered("req-local"));
        });
        assertThat(deliveredAtOnce.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(next.get(10, TimeUnit.SECONDS).body()).isEqualTo("{}");
    }

    private RuntimeApiEndpoint open(InstanceListener each, OptionalInt uid) throws Exception {
        RuntimeApiEndpoint endpoint = endpoints.open(each, uid).toCompletableFuture().get(10, TimeUnit.SECONDS);
        opened.add(endpoint);
        return endpoint;
    }

    private RuntimeApiEndpoint open(InstanceListener each) throws Exception {
        RuntimeApiEndpoint endpoint = endpoints.open(each).toCompletableFuture().get(10, TimeUnit.SECONDS);
        opened.add(endpoint);
        return endpoint;
    }

    private static Invocation invocation(String requestId, String payload) {
        return new Invocation(requestId, payload.getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L, ARN, null, null,
                null);
    }

    private CompletableFuture<HttpResponse<String>> next(RuntimeApiEndpoint target) {
        return http.sendAsync(request(target, "/2018-06-01/runtime/invocation/next").GET().build(),
                BodyHandlers.ofString());
    }

    private HttpResponse<String> post(RuntimeApiEndpoint target, String path, String body)
            throws IOException, InterruptedException {
        return http.send(request(target, path).POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(RuntimeApiEndpoint target, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + target.address() + path)).timeout(Duration.ofSeconds(10));
    }

    /** A {@code GET /next} over a plain socket, to see the header names exactly as they travel. */
    private static String rawNext(RuntimeApiEndpoint target) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
