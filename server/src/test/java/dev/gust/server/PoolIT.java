package dev.gust.server;

import static dev.gust.server.TestFunctions.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The instance pool seen through the real server: the account concurrency limit, keep-alive reaping, draining on
 * updates, replacing instances that died while idle, and {@code /tmp} per instance. The server runs with
 * {@code concurrency} 2 so that throttling is reachable; tests here invoke at most two at a time otherwise.
 */
class PoolIT {

    /** One function for every test: sleeps, exits after answering, reads and writes /tmp, reports what it is. */
    private static final String APP = """
            import os, threading, time
            CODE = "%s"
            def handler(event, context):
                time.sleep(event.get("sleep", 0))
                if event.get("exitAfterReturn"):
                    threading.Timer(0.2, os._exit, [0]).start()
                path = "/tmp/state"
                before = open(path).read() if os.path.exists(path) else None
                if "write" in event:
                    with open(path, "w") as f:
                        f.write(event["write"])
                return {"stream": context.log_stream_name, "value": os.environ.get("VALUE"), "code": CODE,
                        "tmp": before}
            """;

    @TempDir
    static Path dataDir;
    static TestServer server;
    static LambdaClient lambda;
    static TestFunctions functions;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of("GUST_CONCURRENCY", "2"));
        lambda = server.lambda();
        functions = server.functions();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Map<String, String> app(String code) {
        return Map.of("app.py", APP.formatted(code));
    }

    private static void createApp(TestFunctions target, String name, String value) {
        target.create(name, "python3.12", "app.handler", app("v1"),
                b -> b.environment(e -> e.variables(Map.of("VALUE", value))));
    }

    /** Runs {@code count} calls at once and returns their outcomes. */
    private static <T> List<CompletableFuture<T>> inParallel(int count, Supplier<T> call) {
        List<CompletableFuture<T>> calls = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            for (int i = 0; i < count; i++) {
                calls.add(CompletableFuture.supplyAsync(call, threads));
            }
        }
        return calls;
    }

    @Test
    void throttlesInvocationsBeyondTheAccountConcurrencyLimit() {
        createApp(functions, "sleeper", "x");
        List<CompletableFuture<InvokeResponse>> calls = inParallel(3,
                () -> functions.invoke("sleeper", "{\"sleep\": 2}"));
        List<InvokeResponse> answered = new ArrayList<>();
        List<Throwable> refused = new ArrayList<>();
        for (CompletableFuture<InvokeResponse> call : calls) {
            try {
                answered.add(call.join());
            } catch (CompletionException e) {
                refused.add(e.getCause());
            }
        }
        assertThat(answered).hasSize(2).allSatisfy(r -> assertThat(r.functionError()).isNull());
        assertThat(refused).singleElement().isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
            assertThat(e.reason()).isEqualTo(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
            assertThat(e.type()).isEqualTo("User");
            // the body AWS sends with a throttle (see the recorded TooManyRequestsException bodies in the corpus)
            assertThat(TestFunctions.parse(e.awsErrorDetails().rawResponse().asUtf8String())).isEqualTo(
                    TestFunctions.parse("""
                            {"Type": "User", "message": "Rate Exceeded.", "Reason": "ConcurrentInvocationLimitExceeded"}
                            """));
        });
        assertThat(functions.invokeForJson("sleeper", "{}").get("value").asText())
                .as("the limit is released when the invocations end").isEqualTo("x");
    }

    @Test
    void reapsIdleInstancesAfterTheKeepAlive(@TempDir Path otherDataDir) throws Exception {
        try (TestServer shortLived = TestServer.start(otherDataDir, Map.of("GUST_KEEP_ALIVE", "2s"))) {
            TestFunctions target = shortLived.functions();
            createApp(target, "reaped", "x");
            InvokeResponse cold = target.invoke("reaped", "{}");
            InvokeResponse warm = target.invoke("reaped", "{}");
            assertThat(log(cold)).contains("Init Duration");
            assertThat(log(warm)).doesNotContain("Init Duration");
            assertThat(TestFunctions.json(warm).get("stream")).isEqualTo(TestFunctions.json(cold).get("stream"));
            assertThat(shortLived.gust().instances()).isEqualTo(1);

            await().atMost(Duration.ofSeconds(30)).until(() -> shortLived.gust().instances() == 0);

            InvokeResponse again = target.invoke("reaped", "{}");
            assertThat(again.functionError()).isNull();
            assertThat(log(again)).contains("Init Duration");
            assertThat(TestFunctions.json(again).get("stream")).isNotEqualTo(TestFunctions.json(cold).get("stream"));
        }
    }

    @Test
    void invocationsAfterAConfigurationUpdateSeeOnlyTheNewConfiguration() {
        createApp(functions, "configured", "0");
        assertEveryInvocationSeesEachUpdate("configured", "value", round -> lambda.updateFunctionConfiguration(
                b -> b.functionName("configured").environment(e -> e.variables(Map.of("VALUE", "" + round)))));
    }

    @Test
    void invocationsAfterACodeUpdateSeeOnlyTheNewCode() {
        createApp(functions, "recoded", "x");
        assertEveryInvocationSeesEachUpdate("recoded", "code", round -> lambda.updateFunctionCode(
                b -> b.functionName("recoded").zipFile(SdkBytes.fromByteArray(TestZips.zip(app("" + round))))));
    }

    /**
     * Warms two instances (the function then returns {@code "0"} in {@code field}, or the value it was created
     * with), then three times: applies update {@code round}, waits until it is Successful, and checks that
     * parallel and sequential invocations all see {@code round}, never an older value.
     */
    private static void assertEveryInvocationSeesEachUpdate(String name, String field, IntConsumer update) {
        inParallel(2, () -> functions.invokeForJson(name, "{\"sleep\": 0.5}")).forEach(CompletableFuture::join);
        for (int round = 1; round <= 3; round++) {
            update.accept(round);
            functions.awaitUpdated(name);
            List<JsonNode> seen = new ArrayList<>();
            inParallel(2, () -> functions.invokeForJson(name, "{\"sleep\": 0.5}"))
                    .forEach(call -> seen.add(call.join()));
            for (int i = 0; i < 3; i++) {
                seen.add(functions.invokeForJson(name, "{}"));
            }
            assertThat(seen).as("after update %d", round).extracting(result -> result.get(field).asText())
                    .containsOnly("" + round);
        }
    }

    @Test
    void anInstanceBusyDuringAnUpdateFinishesItsInvocationAndIsNotReused() {
        createApp(functions, "busy", "old");
        CompletableFuture<JsonNode> slow = CompletableFuture.supplyAsync(
                () -> functions.invokeForJson("busy", "{\"sleep\": 3}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> logsMention("busy", "START RequestId"));

        lambda.updateFunctionConfiguration(b -> b.functionName("busy").environment(e -> e.variables(
                Map.of("VALUE", "new"))));
        functions.awaitUpdated("busy");

        assertThat(functions.invokeForJson("busy", "{}").get("value").asText()).isEqualTo("new");
        JsonNode busy = slow.join();
        assertThat(busy.get("value").asText()).as("the invocation that started before the update").isEqualTo("old");
        for (int i = 0; i < 3; i++) {
            JsonNode after = functions.invokeForJson("busy", "{}");
            assertThat(after.get("value").asText()).isEqualTo("new");
            assertThat(after.get("stream")).as("the old instance is not reused").isNotEqualTo(busy.get("stream"));
        }
    }

    /** Whether a log stream of the function (in the data dir) contains {@code text}. */
    private static boolean logsMention(String function, String text) {
        Path dir = TestServer.logGroupDir(dataDir, function);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var streams = Files.list(dir)) {
            for (Path stream : streams.toList()) {
                if (Files.readString(stream).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aWarmInstanceThatDiedWhileIdleIsReplacedTransparently() throws Exception {
        createApp(functions, "mortal", "x");
        JsonNode first = functions.invokeForJson("mortal", "{\"exitAfterReturn\": true}");
        Thread.sleep(1000); // the process exits 200 ms after answering: let it die while idle

        InvokeResponse next = functions.invoke("mortal", "{}");
        assertThat(next.functionError()).as(next.payload().asUtf8String()).isNull();
        assertThat(log(next)).contains("Init Duration");
        assertThat(TestFunctions.json(next).get("stream")).isNotEqualTo(first.get("stream"));
    }

    @Test
    void tmpIsKeptAcrossWarmInvocationsAndPrivateToEachFunction() {
        // same code, hence the same CodeSha256 and the same read-only task root, but their own /tmp
        createApp(functions, "tmp-a", "x");
        createApp(functions, "tmp-b", "x");
        JsonNode a1 = functions.invokeForJson("tmp-a", "{\"write\": \"from a\"}");
        JsonNode a2 = functions.invokeForJson("tmp-a", "{}");
        JsonNode b1 = functions.invokeForJson("tmp-b", "{\"write\": \"from b\"}");
        JsonNode a3 = functions.invokeForJson("tmp-a", "{}");

        assertThat(a1.get("tmp").isNull()).isTrue();
        assertThat(a2.get("stream")).as("a warm invocation of the same instance").isEqualTo(a1.get("stream"));
        assertThat(a2.get("tmp").asText()).isEqualTo("from a");
        assertThat(b1.get("tmp").isNull()).as("another function does not see it").isTrue();
        assertThat(a3.get("tmp").asText()).isEqualTo("from a");
    }
}
