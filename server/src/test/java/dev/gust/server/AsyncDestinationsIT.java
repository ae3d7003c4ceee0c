package dev.gust.server;

import static dev.gust.server.AsyncTesting.FUNCTION_ARN;
import static dev.gust.server.AsyncTesting.eventually;
import static dev.gust.server.AsyncTesting.invokeEvent;
import static dev.gust.server.AsyncTesting.recordsFor;
import static dev.gust.server.AsyncTesting.requestId;
import static dev.gust.server.AsyncTesting.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Invocation records sent to {@code OnSuccess} and {@code OnFailure} destinations that are Gust functions, checked
 * field by field against the AWS recordings in {@code test_lambda_destinations.snapshot.json}
 * ({@code test_assess_lambda_destination_invocation}, {@code test_retries}, {@code test_maxeventage}). The
 * destinations print the event they receive as one JSON line, so the record is read back from their logs.
 */
class AsyncDestinationsIT {

    private static final String FAILURE_FRAME = "raise Exception(\"intentional failure\")";
    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        gust = AsyncTesting.start(dataDir, Map.of("GUST_ASYNC_RETRY_DELAYS", "1s,2s"));
        lambda = LambdaClients.forServer(gust.endpoint());
        AsyncTesting.createPython(lambda, "on-success", AsyncTesting.PRINTS_EVENT);
        AsyncTesting.createPython(lambda, "on-failure", AsyncTesting.PRINTS_EVENT);
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
    void aSuccessSendsTheRecordToOnSuccessOnly() {
        AsyncTesting.createPython(lambda, "dest-succeeds", """
                def handler(event, context):
                    return {"event": event, "function": context.function_name}
                """);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("dest-succeeds").destinationConfig(destinations()));
        String sent = "{\"message\":\"success-1\",\"list\":[1,2,3],\"nested\":{\"a\":null}}";
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        InvokeResponse response = invokeEvent(lambda, "dest-succeeds", sent);

        assertThat(response.statusCode()).isEqualTo(202);
        String id = requestId(response);
        JsonNode record = awaitRecord(gust, dataDir, "on-success", id);
        assertRecordHeader(record, before, id, FUNCTION_ARN + "dest-succeeds:$LATEST", "Success", 1, sent);
        assertThat(record.get("responseContext"))
                .isEqualTo(AsyncTesting.json("{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}"));
        assertThat(record.get("responsePayload"))
                .isEqualTo(AsyncTesting.json("{\"event\":" + sent + ",\"function\":\"dest-succeeds\"}"));
        assertThat(recordsFor(dataDir, "on-failure", id)).isEmpty();
        assertThat(starts(dataDir, "dest-succeeds", id)).isEqualTo(1);
    }

    @Test
    void exhaustedRetriesSendTheRecordOfTheThirdAttemptToOnFailure() {
        AsyncTesting.createPython(lambda, "dest-retries", AsyncTesting.FAILS);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("dest-retries").destinationConfig(destinations()));
        String sent = "{\"message\":\"retries-1\"}";
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String id = requestId(invokeEvent(lambda, "dest-retries", sent));

        JsonNode record = awaitRecord(gust, dataDir, "on-failure", id);
        assertRecordHeader(record, before, id, FUNCTION_ARN + "dest-retries:$LATEST", "RetriesExhausted", 3, sent);
        assertFailureResponse(record, id, "dest-retries");
        assertThat(starts(dataDir, "dest-retries", id)).isEqualTo(3);
        assertThat(recordsFor(dataDir, "on-success", id)).isEmpty();
    }

    @Test
    void noRetriesAllowedMeansOneAttemptAndRetriesExhausted() {
        AsyncTesting.createPython(lambda, "dest-no-retry", AsyncTesting.FAILS);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("dest-no-retry").maximumRetryAttempts(0)
                .destinationConfig(destinations()));
        String sent = "{\"raise_error\":1}";
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String id = requestId(invokeEvent(lambda, "dest-no-retry", sent));

        JsonNode record = awaitRecord(gust, dataDir, "on-failure", id);
        assertRecordHeader(record, before, id, FUNCTION_ARN + "dest-no-retry:$LATEST", "RetriesExhausted", 1, sent);
        assertFailureResponse(record, id, "dest-no-retry");
        assertThat(starts(dataDir, "dest-no-retry", id)).isEqualTo(1);
        eventually().untilAsserted(() -> {
            JsonNode health = AsyncTesting.asyncHealth(gust, "dest-no-retry");
            assertThat(health.get("retried").asLong()).isZero();
            assertThat(health.get("dropped").asLong()).isEqualTo(1);
        });
    }

    /**
     * With a maximum event age of 60 s and a first retry delay of 61 s, the retry could only come too late: the
     * first failure goes straight to {@code OnFailure} as {@code EventAgeExceeded} after one attempt, as the
     * recording {@code no_retry_failure_message} shows. Needs its own server for the 61 s delay.
     */
    @Test
    void aRetryThatWouldComeAfterTheMaximumEventAgeSendsEventAgeExceededAtOnce(@TempDir Path ageDir)
            throws Exception {
        try (GustProcess aging = AsyncTesting.start(ageDir, Map.of("GUST_ASYNC_RETRY_DELAYS", "61s"));
                LambdaClient client = LambdaClients.forServer(aging.endpoint())) {
            AsyncTesting.createPython(client, "on-failure", AsyncTesting.PRINTS_EVENT);
            AsyncTesting.createPython(client, "dest-aging", AsyncTesting.FAILS);
            client.putFunctionEventInvokeConfig(b -> b.functionName("dest-aging").maximumEventAgeInSeconds(60)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(FUNCTION_ARN + "on-failure"))));
            String sent = "{\"message\":\"too-old\"}";
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            String id = requestId(invokeEvent(client, "dest-aging", sent));

            JsonNode record = awaitRecord(aging, ageDir, "on-failure", id);
            assertRecordHeader(record, before, id, FUNCTION_ARN + "dest-aging:$LATEST", "EventAgeExceeded", 1, sent);
            assertFailureResponse(record, id, "dest-aging");
            assertThat(starts(ageDir, "dest-aging", id)).isEqualTo(1);
            eventually().untilAsserted(() -> {
                JsonNode health = AsyncTesting.asyncHealth(aging, "dest-aging");
                assertThat(health.get("retried").asLong()).isZero();
                assertThat(health.get("expired").asLong()).isEqualTo(1);
                assertThat(health.path("queued").asLong(0)).isZero();
            });
        }
    }

    @Test
    void aVersionOrAliasHasItsOwnEventInvokeConfig() {
        AsyncTesting.createPython(lambda, "dest-aliased", """
                def handler(event, context):
                    return {"version": context.function_version}
                """);
        lambda.publishVersion(b -> b.functionName("dest-aliased"));
        lambda.createAlias(b -> b.functionName("dest-aliased").name("live").functionVersion("1"));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("dest-aliased").qualifier("live")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(FUNCTION_ARN + "on-success"))));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("dest-aliased").qualifier("1").maximumRetryAttempts(0));
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("dest-aliased")
                .qualifier("9").maximumRetryAttempts(0)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.getMessage())
                        .startsWith("Function not found: " + FUNCTION_ARN + "dest-aliased:9"));
        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName("dest-aliased"))
                .functionEventInvokeConfigs()).extracting(c -> c.functionArn())
                .containsExactlyInAnyOrder(FUNCTION_ARN + "dest-aliased:live", FUNCTION_ARN + "dest-aliased:1");

        InvokeResponse viaAlias = lambda.invoke(b -> b.functionName("dest-aliased").qualifier("live")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"via\":\"alias\"}")));
        JsonNode record = awaitRecord(gust, dataDir, "on-success", requestId(viaAlias));
        assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("1");
        assertThat(record.at("/responsePayload/version").asText()).isEqualTo("1");
        InvokeResponse unqualified = invokeEvent(lambda, "dest-aliased", "{\"via\":\"latest\"}");
        eventually().untilAsserted(() -> assertThat(starts(dataDir, "dest-aliased", requestId(unqualified)))
                .isEqualTo(1));
        assertThat(recordsFor(dataDir, "on-success", requestId(unqualified))).as("$LATEST has no config").isEmpty();

        lambda.deleteAlias(b -> b.functionName("dest-aliased").name("live"));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("dest-aliased")
                .qualifier("live"))).isInstanceOf(ResourceNotFoundException.class);
    }

    private static DestinationConfig destinations() {
        return DestinationConfig.builder()
                .onSuccess(s -> s.destination(FUNCTION_ARN + "on-success"))
                .onFailure(f -> f.destination(FUNCTION_ARN + "on-failure"))
                .build();
    }

    private static JsonNode awaitRecord(GustProcess server, Path dir, String destination, String requestId) {
        AtomicReference<List<JsonNode>> found = new AtomicReference<>(List.of());
        eventually().untilAsserted(() -> {
            found.set(recordsFor(dir, destination, requestId));
            assertThat(found.get()).as("records for %s in %s's logs; health %s", requestId, destination,
                    AsyncTesting.health(server).path("async")).isNotEmpty();
        });
        assertThat(found.get()).as("one record per event").hasSize(1);
        return found.get().getFirst();
    }

    /** {@code version}, {@code timestamp}, {@code requestContext} and {@code requestPayload}, and no other field. */
    static void assertRecordHeader(JsonNode record, Instant notBefore, String requestId, String functionArn,
            String condition, int invokeCount, String sent) {
        List<String> fields = new ArrayList<>();
        record.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("version", "timestamp", "requestContext", "requestPayload",
                "responseContext", "responsePayload");
        assertThat(record.get("version").textValue()).isEqualTo("1.0");
        String timestamp = record.get("timestamp").textValue();
        assertThat(timestamp).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(Instant.parse(timestamp)).isAfterOrEqualTo(notBefore);
        assertThat(record.get("requestContext")).isEqualTo(AsyncTesting.json("{\"requestId\":\"" + requestId
                + "\",\"functionArn\":\"" + functionArn + "\",\"condition\":\"" + condition
                + "\",\"approximateInvokeCount\":" + invokeCount + "}"));
        assertThat(record.get("requestPayload")).isEqualTo(AsyncTesting.json(sent));
    }

    /** The last attempt's {@code responseContext} and error object, as the recordings of a Python function show. */
    static void assertFailureResponse(JsonNode record, String requestId, String function) {
        assertThat(record.get("responseContext")).isEqualTo(AsyncTesting.json(
                "{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}"));
        JsonNode error = record.get("responsePayload");
        List<String> fields = new ArrayList<>();
        error.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("%s's error object", function)
                .containsExactlyInAnyOrder("errorMessage", "errorType", "requestId", "stackTrace");
        assertThat(error.get("errorMessage").textValue()).isEqualTo("intentional failure");
        assertThat(error.get("errorType").textValue()).isEqualTo("Exception");
        assertThat(error.get("requestId").textValue()).isEqualTo(requestId);
        assertThat(error.get("stackTrace").isArray()).isTrue();
        assertThat(error.get("stackTrace")).hasSize(1);
        assertThat(error.get("stackTrace").get(0).textValue())
                .matches("  File \"/var/task/app\\.py\", line \\d+, in handler\\n    "
                        + java.util.regex.Pattern.quote(FAILURE_FRAME) + "\\n");
    }
}
