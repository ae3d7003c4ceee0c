package dev.gust.functionurls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.Invoker;
import dev.gust.core.invoke.ResponseStream;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.edge.HostedService;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceEdge;
import dev.gust.edge.ServiceRoutes;
import dev.gust.policy.Policy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data plane on a real edge with a fake engine: what a URL answers for each answer of the function, and that a
 * streamed answer reaches the client as the function writes it.
 */
class FunctionUrlEndpointTest {

    private static final Account ACCOUNT = Account.defaults();
    private static final Policy PUBLIC = Policy.resource("""
            {"Version": "2012-10-17", "Statement": [{"Sid": "public", "Effect": "Allow", "Principal": "*",
             "Action": "lambda:InvokeFunctionUrl", "Resource": "arn:aws:lambda:us-east-1:000000000000:function:*",
             "Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}]}""");

    static Vertx vertx;
    static HttpServer server;
    static final FunctionUrlDirectory DIRECTORY = new FunctionUrlDirectory();
    static final FakeEngine ENGINE = new FakeEngine();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers each function by name: a buffered result or failure, or a stream written by {@code streams}. */
    static final class FakeEngine implements Invoker {
        final Map<String, CompletionStage<InvocationResult>> answers = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, BiConsumer<ResponseStream, CompletableFuture<InvocationResult>>> streams =
                new java.util.concurrent.ConcurrentHashMap<>();
        volatile InvocationRequest last;

        @Override
        public CompletionStage<InvocationResult> invoke(InvocationRequest request) {
            last = request;
            return answers.get(request.functionName());
        }

        @Override
        public CompletionStage<InvocationResult> invokeWithResponseStream(InvocationRequest request,
                ResponseStream stream) {
            last = request;
            CompletableFuture<InvocationResult> done = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> streams.get(request.functionName()).accept(stream, done));
            return done;
        }

        @Override
        public CompletionStage<Void> dryRun(Account account, String functionName, Optional<String> qualifier) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        FunctionUrlEndpoint endpoint = new FunctionUrlEndpoint(DIRECTORY, ENGINE,
                (account, name, qualifier) -> name.startsWith("private") ? Optional.empty() : Optional.of(PUBLIC),
                Clock.systemUTC());
        HostedService lambda = new HostedService() {
            @Override
            public String signingName() {
                return "lambda";
            }

            @Override
            public Protocol protocol() {
                return Protocol.REST_JSON;
            }

            @Override
            public long maxRequestBytes() {
                return 1000;
            }

            @Override
            public void register(ServiceRoutes routes) {
                routes.endpoint("lambda-url", 1000, endpoint);
            }
        };
        ServiceEdge edge = new ServiceEdge(vertx, Clock.systemUTC(), List.of(lambda), List.of(), caller -> List.of());
        server = vertx.createHttpServer().requestHandler(edge).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    /** Adds a URL of function {@code name} and returns its path form. */
    private static String url(String name, String invokeMode) {
        String id = (name + "0".repeat(32)).substring(0, 32).replaceAll("[^a-z0-9]", "x");
        DIRECTORY.put(new FunctionUrlConfig(ACCOUNT, name, FunctionUrlConfig.LATEST, id, FunctionUrlConfig.AUTH_NONE,
                null, invokeMode, Instant.EPOCH, Instant.EPOCH));
        return "http://127.0.0.1:" + server.actualPort() + "/_gust/lambda-url/" + id + "/";
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "p?q=1")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static CompletionStage<InvocationResult> answer(String payload, String functionError) {
        return CompletableFuture.completedFuture(new InvocationResult(payload.getBytes(StandardCharsets.UTF_8),
                functionError, "$LATEST", null));
    }

    @Test
    void aBufferedAnswerIsMappedWithTheHeadersAwsAdds() throws Exception {
        String url = url("mapped", null);
        ENGINE.answers.put("mapped", answer("{\"statusCode\":418,\"headers\":{\"x-a\":\"b\"},\"body\":\"tea\"}",
                null));

        HttpResponse<String> response = get(url);

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.body()).isEqualTo("tea");
        assertThat(response.headers().firstValue("x-a")).contains("b");
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).contains(ENGINE.last.requestId());
        assertThat(response.headers().firstValue("X-Amzn-Trace-Id")).contains(ENGINE.last.traceId());
        assertThat(response.headers().firstValue("Date")).isPresent();
        assertThat(ENGINE.last.qualifier()).isEmpty();
        assertThat(new String(ENGINE.last.payload(), StandardCharsets.UTF_8)).contains("\"rawPath\":\"/p\"");
    }

    @Test
    void failuresMapToAwsStatuses() throws Exception {
        ENGINE.answers.put("errs", answer("{\"errorMessage\":\"boom\"}", "Unhandled"));
        ENGINE.answers.put("malformed", answer("{\"statusCode\":\"x\"}", null));
        ENGINE.answers.put("throttled", CompletableFuture.failedFuture(LambdaException.tooManyRequests(
                "Rate Exceeded.", "ReservedFunctionConcurrentInvocationLimitExceeded")));
        ENGINE.answers.put("gone", CompletableFuture.failedFuture(LambdaException.functionNotFound("arn")));
        ENGINE.answers.put("broken", CompletableFuture.failedFuture(new IllegalStateException("engine bug")));

        assertThat(get(url("errs", null)).statusCode()).isEqualTo(502);
        assertThat(get(url("malformed", null)).statusCode()).isEqualTo(502);
        assertThat(get(url("throttled", null)).statusCode()).isEqualTo(429);
        assertThat(get(url("gone", null)).statusCode()).isEqualTo(403);
        HttpResponse<String> broken = get(url("broken", null));
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).doesNotContain("engine bug");
    }

    @Test
    void aPublicUrlWithoutThePermissionIsForbiddenAndNothingRuns() throws Exception {
        ENGINE.last = null;

        HttpResponse<String> response = get(url("private1", null));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).startsWith("{\"Message\":\"Forbidden.");
        assertThat(ENGINE.last).isNull();
    }

    @Test
    void aStreamedAnswerReachesTheClientAsTheFunctionWritesIt() throws Exception {
        String url = url("streams", FunctionUrlConfig.RESPONSE_STREAM);
        ENGINE.streams.put("streams", (stream, done) -> {
            stream.start(StreamedAnswer.HTTP_INTEGRATION, "$LATEST");
            stream.chunk("{\"statusCode\":202,\"headers\":{\"content-type\":\"text/plain\"},\"cookies\":[\"s=1\"]}"
                    .getBytes(StandardCharsets.UTF_8));
            stream.chunk(new byte[8]);
            stream.chunk("first ".getBytes(StandardCharsets.UTF_8));
            sleep(700);
            stream.chunk("second".getBytes(StandardCharsets.UTF_8));
            done.complete(new InvocationResult(new byte[0], null, "$LATEST", null));
        });

        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        String first;
        long firstAt;
        String rest;
        long endAt;
        try (InputStream body = response.body()) {
            first = new String(body.readNBytes(6), StandardCharsets.UTF_8);
            firstAt = System.nanoTime();
            rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
            endAt = System.nanoTime();
        }

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("s=1");
        assertThat(first + rest).isEqualTo("first second");
        assertThat(endAt - firstAt).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void aStreamWithoutAPreludeIsTheBodyOfA200WithTheDeclaredTypeAndAFailureAfterTheHeadCutsIt() throws Exception {
        ENGINE.streams.put("plain", (stream, done) -> {
            stream.start("text/csv", "$LATEST");
            stream.chunk("a,b\n".getBytes(StandardCharsets.UTF_8));
            done.complete(new InvocationResult(new byte[0], null, "$LATEST", null));
        });
        ENGINE.streams.put("cut", (stream, done) -> {
            stream.start("text/plain", "$LATEST");
            stream.chunk("partial".getBytes(StandardCharsets.UTF_8));
            sleep(200);
            done.complete(new InvocationResult(new byte[0], "Unhandled", "$LATEST", null));
        });
        ENGINE.streams.put("early", (stream, done) ->
                done.complete(new InvocationResult(new byte[0], "Unhandled", "$LATEST", null)));

        HttpResponse<String> plain = get(url("plain", FunctionUrlConfig.RESPONSE_STREAM));
        HttpResponse<String> early = get(url("early", FunctionUrlConfig.RESPONSE_STREAM));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("content-type")).contains("text/csv");
        assertThat(plain.body()).isEqualTo("a,b\n");
        assertThat(early.statusCode()).isEqualTo(502);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(url("cut", FunctionUrlConfig.RESPONSE_STREAM)))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void anUnknownIdIsForbiddenWithANullMessage() throws Exception {
        HttpResponse<String> response = get("http://127.0.0.1:" + server.actualPort()
                + "/_gust/lambda-url/nobodynobodynobodynobodynobody00/");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"Message\":null}");
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
