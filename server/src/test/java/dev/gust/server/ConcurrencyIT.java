package dev.gust.server;

import static dev.gust.server.AsyncTesting.eventually;
import static dev.gust.server.AsyncTesting.recordsFor;
import static dev.gust.server.AsyncTesting.requestId;
import static dev.gust.server.AsyncTesting.starts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Reserved concurrency through the real server and SDK: Put/Get/DeleteFunctionConcurrency and their errors
 * (checked against the AWS recordings in {@code test_lambda_api.snapshot.json}, {@code TestLambdaReservedConcurrency}
 * and {@code test_lambda.snapshot.json}, {@code TestLambdaConcurrency}), throttling at the reservation, and the
 * account's unreserved pool. The server's limit is 20, so its minimum unreserved concurrency is 2 and functions
 * may reserve 18 in total.
 */
class ConcurrencyIT {

    private static final int LIMIT = 20;
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    /** Sleeps for {@code event["sleep"]} seconds and answers its name. */
    private static final String SLEEPS = """
            import time
            def handler(event, context):
                time.sleep(event.get("sleep", 0))
                return {"function": context.function_name}
            """;
    private static final String MINIMUM_ERROR = "Specified ReservedConcurrentExecutions for function decreases "
            + "account's UnreservedConcurrentExecution below its minimum value of [2].";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of("GUST_CONCURRENCY", Integer.toString(LIMIT)));
        lambda = server.lambda();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void create(String name) {
        AsyncTesting.createPython(lambda, name, SLEEPS);
    }

    private static Integer reservation(String name) {
        return lambda.getFunctionConcurrency(b -> b.functionName(name)).reservedConcurrentExecutions();
    }

    private static void reserve(String name, int reserved) {
        lambda.putFunctionConcurrency(b -> b.functionName(name).reservedConcurrentExecutions(reserved));
    }

    private static int unreserved() {
        return lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions();
    }

    private static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void putGetAndDeleteAReservation() {
        create("crud");
        assertThat(reservation("crud")).as("no reservation: {}").isNull();
        assertThat(lambda.getFunction(b -> b.functionName("crud")).concurrency()).isNull();

        assertThat(lambda.putFunctionConcurrency(b -> b.functionName("crud").reservedConcurrentExecutions(0))
                .reservedConcurrentExecutions()).isZero();
        var put = lambda.putFunctionConcurrency(b -> b.functionName("crud").reservedConcurrentExecutions(3));
        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(200);
        assertThat(put.reservedConcurrentExecutions()).isEqualTo(3);
        assertThat(reservation("crud")).isEqualTo(3);
        assertThat(reservation(ARN + "crud")).as("by ARN").isEqualTo(3);
        assertThat(lambda.getFunction(b -> b.functionName("crud")).concurrency().reservedConcurrentExecutions())
                .isEqualTo(3);
        var settings = lambda.getAccountSettings().accountLimit();
        assertThat(settings.concurrentExecutions()).isEqualTo(LIMIT);
        assertThat(settings.unreservedConcurrentExecutions()).isEqualTo(LIMIT - 3);

        var deleted = lambda.deleteFunctionConcurrency(b -> b.functionName("crud"));

        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(204);
        assertThat(reservation("crud")).isNull();
        assertThat(lambda.getFunction(b -> b.functionName("crud")).concurrency()).isNull();
        assertThat(unreserved()).isEqualTo(LIMIT);
    }

    @Test
    void refusesMissingFunctionsQualifiedNamesAndNegativeValuesChangingNothing() {
        create("refused");
        reserve("refused", 1);

        assertNotFound(() -> reserve("doesnotexist", 1), ARN + "doesnotexist:$LATEST");
        assertNotFound(() -> reserve("doesnotexist", 0), ARN + "doesnotexist:$LATEST");
        assertNotFound(() -> reservation("doesnotexist"), ARN + "doesnotexist");
        assertNotFound(() -> lambda.deleteFunctionConcurrency(b -> b.functionName("doesnotexist")),
                ARN + "doesnotexist");
        String onlyFunctions = "This operation is permitted on Lambda functions only. Aliases and versions do not "
                + "support this operation. Please specify either a function name or an unqualified function ARN.";
        for (Runnable qualified : List.<Runnable>of(
                () -> reserve(ARN + "refused:$LATEST", 0),
                () -> reserve("refused:1", 0),
                () -> reservation(ARN + "refused:$LATEST"),
                () -> lambda.deleteFunctionConcurrency(b -> b.functionName("refused:$LATEST")))) {
            assertThatThrownBy(qualified::run).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(onlyFunctions);
                assertThat(TestFunctions.parse(e.awsErrorDetails().rawResponse().asUtf8String()))
                        .isEqualTo(TestFunctions.parse("{\"Type\":\"User\",\"message\":\"" + onlyFunctions + "\"}"));
            });
        }
        assertThatThrownBy(() -> reserve("refused", -1)).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '-1' at "
                    + "'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater "
                    + "than or equal to 0");
        });

        assertThat(reservation("refused")).as("unchanged").isEqualTo(1);
        lambda.deleteFunctionConcurrency(b -> b.functionName("refused"));
    }

    @Test
    void refusesReservationsThatLeaveLessThanTheMinimumUnreserved() {
        create("big");
        create("second");

        assertMinimumError(() -> reserve("big", LIMIT + 1));
        assertMinimumError(() -> reserve("big", LIMIT - 1));
        reserve("big", 10);
        assertMinimumError(() -> reserve("second", 9));
        reserve("second", 8);
        assertThat(unreserved()).isEqualTo(2);
        reserve("big", 9); // lowering is always fine
        reserve("big", 10); // and so is taking back what is free

        assertThat(reservation("big")).isEqualTo(10);
        assertThat(reservation("second")).isEqualTo(8);
        lambda.deleteFunctionConcurrency(b -> b.functionName("big"));
        lambda.deleteFunctionConcurrency(b -> b.functionName("second"));
        assertThat(unreserved()).isEqualTo(LIMIT);
    }

    @Test
    void zeroReservedConcurrencyThrottlesEverySynchronousInvoke() {
        create("stopped");
        assertThat(invoke("stopped", "{}").functionError()).isNull();
        reserve("stopped", 0);

        assertThatThrownBy(() -> invoke("stopped", "{}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, ConcurrencyIT::assertReservedThrottle);

        lambda.deleteFunctionConcurrency(b -> b.functionName("stopped"));
        assertThat(TestFunctions.json(invoke("stopped", "{}")).get("function").asText()).isEqualTo("stopped");
    }

    @Test
    void anEventForAFunctionWithZeroReservedConcurrencyIsAcceptedThenDiscardedWithoutRunning() {
        AsyncTesting.createPython(lambda, "zero-failures", AsyncTesting.PRINTS_EVENT);
        create("zero-async");
        reserve("zero-async", 0);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("zero-async").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(ARN + "zero-failures"))));

        InvokeResponse accepted = AsyncTesting.invokeEvent(lambda, "zero-async", "{\"n\":1}");

        assertThat(accepted.statusCode()).isEqualTo(202);
        String id = requestId(accepted);
        // as AWS recorded it (test_lambda.py::TestLambdaConcurrency::test_reserved_concurrency, "msg")
        JsonNode record = eventually().until(() -> recordsFor(dataDir, "zero-failures", id), r -> r.size() == 1)
                .getFirst();
        assertThat(record.get("version").asText()).isEqualTo("1.0");
        assertThat(record.get("requestContext")).isEqualTo(AsyncTesting.json("{\"requestId\":\"" + id + "\","
                + "\"functionArn\":\"" + ARN + "zero-async:$LATEST\",\"condition\":\"ZeroReservedConcurrency\","
                + "\"approximateInvokeCount\":0}"));
        assertThat(record.get("requestPayload")).isEqualTo(AsyncTesting.json("{\"n\":1}"));
        assertThat(record.has("responseContext")).isFalse();
        assertThat(record.has("responsePayload")).isFalse();
        assertThat(AsyncTesting.asyncHealth(server.gust(), "zero-async").path("dropped").asLong()).isEqualTo(1);

        lambda.deleteFunctionConcurrency(b -> b.functionName("zero-async"));
        String later = requestId(AsyncTesting.invokeEvent(lambda, "zero-async", "{\"n\":2}"));
        eventually().until(() -> starts(dataDir, "zero-async", later) == 1);
        assertThat(starts(dataDir, "zero-async", id)).as("the discarded event never ran").isZero();
    }

    @Test
    void aReservationOfOneRunsOneInvocationAndThrottlesASecondOne() throws Exception {
        create("single");
        create("neighbour");
        reserve("single", 1);
        try (ExecutorService threads = Executors.newSingleThreadExecutor()) {
            CompletableFuture<InvokeResponse> running = CompletableFuture.supplyAsync(
                    () -> invoke("single", "{\"sleep\": 4}"), threads);
            eventually().until(() -> AsyncTesting.health(server.gust())
                    .at("/engine/concurrency/reserved/arn:aws:lambda:us-east-1:000000000000:function:single/inFlight")
                    .asInt() == 1);

            assertThatThrownBy(() -> invoke("single", "{}"))
                    .isInstanceOfSatisfying(TooManyRequestsException.class, ConcurrencyIT::assertReservedThrottle);
            assertThat(invoke("neighbour", "{}").functionError()).as("other functions are unaffected").isNull();

            assertThat(running.join().functionError()).isNull();
        }
        assertThat(invoke("single", "{}").functionError()).as("free again once the first ended").isNull();
        lambda.deleteFunctionConcurrency(b -> b.functionName("single"));
    }

    @Test
    void reservedCapacityIsTakenOutOfThePoolOtherFunctionsShare() {
        create("hoarder");
        create("sharer");
        reserve("hoarder", LIMIT - 2);
        assertThat(unreserved()).isEqualTo(2);

        List<Throwable> refused = new ArrayList<>();
        List<InvokeResponse> answered = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> invoke("sharer", "{\"sleep\": 3}"), threads));
            }
            for (CompletableFuture<InvokeResponse> call : calls) {
                try {
                    answered.add(call.join());
                } catch (CompletionException e) {
                    refused.add(e.getCause());
                }
            }
        }

        assertThat(answered).hasSize(2);
        assertThat(refused).singleElement().isInstanceOfSatisfying(TooManyRequestsException.class,
                e -> assertThat(e.reason()).isEqualTo(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED));
        lambda.deleteFunctionConcurrency(b -> b.functionName("hoarder"));
        assertThat(unreserved()).isEqualTo(LIMIT);
    }

    @Test
    void deletingAFunctionDeletesItsReservation() {
        create("short-lived");
        reserve("short-lived", 5);
        assertThat(unreserved()).isEqualTo(LIMIT - 5);

        lambda.deleteFunction(b -> b.functionName("short-lived"));

        assertThat(unreserved()).isEqualTo(LIMIT);
        create("short-lived");
        assertThat(reservation("short-lived")).as("a new function of that name starts without one").isNull();
    }

    @Test
    void reservationsSurviveARestart(@TempDir Path restartDir) throws Exception {
        try (TestServer first = TestServer.start(restartDir, Map.of("GUST_CONCURRENCY", "50"))) {
            AsyncTesting.createPython(first.lambda(), "kept", SLEEPS);
            AsyncTesting.createPython(first.lambda(), "off", SLEEPS);
            first.lambda().putFunctionConcurrency(b -> b.functionName("kept").reservedConcurrentExecutions(4));
            first.lambda().putFunctionConcurrency(b -> b.functionName("off").reservedConcurrentExecutions(0));
        }
        try (TestServer second = TestServer.start(restartDir, Map.of("GUST_CONCURRENCY", "50"))) {
            LambdaClient client = second.lambda();
            assertThat(client.getFunctionConcurrency(b -> b.functionName("kept")).reservedConcurrentExecutions())
                    .isEqualTo(4);
            assertThat(client.getAccountSettings().accountLimit().unreservedConcurrentExecutions()).isEqualTo(46);
            assertThatThrownBy(() -> client.invoke(b -> b.functionName("off").invocationType(
                    InvocationType.REQUEST_RESPONSE))).isInstanceOf(TooManyRequestsException.class);
        }
    }

    private static void assertReservedThrottle(TooManyRequestsException e) {
        // as recorded: test_lambda.py::TestLambdaConcurrency::test_reserved_concurrency, "exc_no_cap_requestresponse"
        assertThat(e.statusCode()).isEqualTo(429);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyRequestsException");
        assertThat(e.reason()).isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
        assertThat(TestFunctions.parse(e.awsErrorDetails().rawResponse().asUtf8String())).isEqualTo(
                TestFunctions.parse("""
                        {"Type": "User", "message": "Rate Exceeded.",
                         "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded"}
                        """));
    }

    private static void assertNotFound(Runnable call, String arn) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(404);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function not found: " + arn);
        });
    }

    private static void assertMinimumError(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(MINIMUM_ERROR);
        });
    }
}
