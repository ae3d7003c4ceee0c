package dev.gust.server;

import static dev.gust.server.AsyncTesting.asyncHealth;
import static dev.gust.server.AsyncTesting.eventually;
import static dev.gust.server.AsyncTesting.invokeEvent;
import static dev.gust.server.AsyncTesting.jsonLines;
import static dev.gust.server.AsyncTesting.logs;
import static dev.gust.server.AsyncTesting.requestId;
import static dev.gust.server.AsyncTesting.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Asynchronous invokes ({@code X-Amz-Invocation-Type: Event} and the legacy {@code InvokeAsync}) through the real
 * SDK and CLI against a server whose retry delays are shortened to 1 s and 2 s. A function leaves no trace outside
 * its sandbox but its log streams, so that is where these tests look for what ran.
 */
class AsyncInvokeIT {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        gust = AsyncTesting.start(dataDir, Map.of("GUST_ASYNC_RETRY_DELAYS", "1s,2s"));
        lambda = LambdaClients.forServer(gust.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        if (gust != null) {
            gust.close();
        }
    }

    @Test
    void anEventInvokeAnswers202WithoutPayloadAndTheFunctionRuns() {
        AsyncTesting.createPython(lambda, "async-ok", """
                def handler(event, context):
                    print("ran " + event["marker"] + " as " + context.aws_request_id)
                    return {"ok": True}
                """);

        InvokeResponse response = invokeEvent(lambda, "async-ok", "{\"marker\":\"first-event\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.payload() == null ? new byte[0] : response.payload().asByteArray()).isEmpty();
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isNull();
        String id = requestId(response);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        eventually().untilAsserted(() -> assertThat(logs(dataDir, "async-ok"))
                .contains("START RequestId: " + id + " Version: $LATEST")
                .contains("ran first-event as " + id)
                .contains("END RequestId: " + id)
                .containsPattern("REPORT RequestId: " + id + "\tDuration: [0-9.]+ ms\t"));
        eventually().untilAsserted(() -> assertThat(counters(asyncHealth(gust, "async-ok")))
                .isEqualTo(Map.of("delivered", 1L, "retried", 0L, "expired", 0L, "dropped", 0L)));
        assertThat(starts(dataDir, "async-ok", id)).isEqualTo(1);
    }

    @Test
    void aFailingFunctionRunsThreeTimesWithOneRequestIdAndTheConfiguredDelaysBetween() {
        AsyncTesting.createPython(lambda, "async-fails", AsyncTesting.FAILS);

        InvokeResponse response = invokeEvent(lambda, "async-fails", "{\"message\":\"retry me\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        String id = requestId(response);
        // the event stays queued from its acceptance through both retry delays until the third attempt settles it
        eventually().untilAsserted(() -> {
            JsonNode health = asyncHealth(gust, "async-fails");
            assertThat(health.path("queued").asLong()).isEqualTo(1);
            assertThat(health.path("oldestEventAgeMs").isIntegralNumber()).isTrue();
        });
        eventually().untilAsserted(() -> assertThat(counters(asyncHealth(gust, "async-fails")))
                .isEqualTo(Map.of("delivered", 0L, "retried", 2L, "expired", 0L, "dropped", 1L)));
        eventually().untilAsserted(() -> assertThat(asyncHealth(gust, "async-fails").path("queued").asLong(0))
                .isZero());
        assertThat(starts(dataDir, "async-fails", id)).isEqualTo(3);
        List<JsonNode> attempts = new ArrayList<>(jsonLines(dataDir, "async-fails").stream()
                .filter(line -> line.has("attemptAt")).toList());
        assertThat(attempts).hasSize(3).allSatisfy(line -> assertThat(line.get("requestId").asText()).isEqualTo(id));
        attempts.sort(Comparator.comparingDouble(line -> line.get("attemptAt").asDouble()));
        double firstWait = attempts.get(1).get("attemptAt").asDouble() - attempts.get(0).get("attemptAt").asDouble();
        double secondWait = attempts.get(2).get("attemptAt").asDouble() - attempts.get(1).get("attemptAt").asDouble();
        System.out.printf("[measure] retries of %s came %.3f s and %.3f s after the previous attempt%n", id,
                firstWait, secondWait);
        // lower bounds only: a retry must never come before its delay (1 s, then 2 s); 10 ms for float rounding
        assertThat(firstWait).isGreaterThanOrEqualTo(0.99);
        assertThat(secondWait).isGreaterThanOrEqualTo(1.99);
    }

    @Test
    void legacyInvokeAsyncAnswersStatus202AndTheFunctionRuns() throws Exception {
        AsyncTesting.createPython(lambda, "async-legacy", """
                def handler(event, context):
                    print("legacy " + event["marker"])
                """);
        Path args = work.resolve("args.json");
        Files.writeString(args, "{\"marker\":\"through-invoke-async\"}");

        ProcessBuilder builder = new ProcessBuilder("/usr/bin/aws", "--endpoint-url", gust.endpoint().toString(),
                "--output", "json", "lambda", "invoke-async", "--function-name", "async-legacy",
                "--invoke-args", args.toString())
                .directory(work.toFile()).redirectError(work.resolve("err.txt").toFile())
                .redirectOutput(work.resolve("out.txt").toFile());
        cliEnvironment(builder);
        Process cli = builder.start();
        assertThat(cli.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(work.resolve("out.txt"));
        assertThat(cli.exitValue()).as(Files.readString(work.resolve("err.txt"))).isZero();

        assertThat(AsyncTesting.json(out).get("Status").asInt()).isEqualTo(202);
        eventually().untilAsserted(() -> assertThat(logs(dataDir, "async-legacy")).contains("legacy through-invoke-async")
                .contains("REPORT RequestId: "));
    }

    @Test
    void anEventInvokeOfAMissingFunctionIsNotFoundAsASynchronousOneIs() {
        ResourceNotFoundException event = catchThrowableOfType(ResourceNotFoundException.class,
                () -> invokeEvent(lambda, "async-missing", "{}"));
        ResourceNotFoundException sync = catchThrowableOfType(ResourceNotFoundException.class,
                () -> lambda.invoke(b -> b.functionName("async-missing").payload(SdkBytes.fromUtf8String("{}"))));

        assertThat(event.statusCode()).isEqualTo(404);
        assertThat(event.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(event.awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:async-missing:$LATEST")
                .isEqualTo(sync.awsErrorDetails().errorMessage());
    }

    @Test
    void anEventPayloadOverOneMebibyteIsTooLargeAndOneOfExactlyOneMebibyteIsAccepted() {
        AsyncTesting.createPython(lambda, "async-big", """
                def handler(event, context):
                    print("received %d characters" % len(event))
                """);
        String tooLarge = "\"" + "a".repeat(1_048_575) + "\"";
        assertThat(tooLarge.getBytes(StandardCharsets.UTF_8)).hasSize(1_048_577);

        LambdaException refused = catchThrowableOfType(LambdaException.class,
                () -> invokeEvent(lambda, "async-big", tooLarge));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("RequestEntityTooLargeException");
        assertThat(refused.awsErrorDetails().errorMessage())
                .isEqualTo("1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)");

        String largest = "\"" + "a".repeat(1_048_574) + "\"";
        InvokeResponse accepted = invokeEvent(lambda, "async-big", largest);
        assertThat(accepted.statusCode()).isEqualTo(202);
        eventually().untilAsserted(() -> assertThat(logs(dataDir, "async-big")).contains("received 1048574 characters"));
    }

    @Test
    void invalidJsonIsRefusedAsOnTheSynchronousPath() {
        AsyncTesting.createPython(lambda, "async-json", "def handler(event, context):\n    return 1\n");
        SdkBytes invalid = SdkBytes.fromUtf8String("{\"unterminated\": ");

        InvalidRequestContentException event = catchThrowableOfType(InvalidRequestContentException.class,
                () -> lambda.invoke(b -> b.functionName("async-json").invocationType(InvocationType.EVENT)
                        .payload(invalid)));
        InvalidRequestContentException sync = catchThrowableOfType(InvalidRequestContentException.class,
                () -> lambda.invoke(b -> b.functionName("async-json").payload(invalid)));

        assertThat(event.statusCode()).isEqualTo(400).isEqualTo(sync.statusCode());
        assertThat(event.awsErrorDetails().errorMessage()).startsWith("Could not parse request body into json")
                .isEqualTo(sync.awsErrorDetails().errorMessage());
        assertThat(logs(dataDir, "async-json")).doesNotContain("START RequestId: ");
    }

    /** The outcome counters of one function in the health document. */
    private static Map<String, Long> counters(JsonNode function) {
        return Map.of("delivered", function.get("delivered").asLong(), "retried", function.get("retried").asLong(),
                "expired", function.get("expired").asLong(), "dropped", function.get("dropped").asLong());
    }

    private static void cliEnvironment(ProcessBuilder builder) {
        Map<String, String> env = builder.environment();
        env.put("HOME", work.toString());
        env.put("AWS_ACCESS_KEY_ID", GustProcess.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", GustProcess.SECRET_KEY);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.remove("AWS_PROFILE");
    }
}
