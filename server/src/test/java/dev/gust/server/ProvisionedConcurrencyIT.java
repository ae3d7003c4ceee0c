package dev.gust.server;

import static dev.gust.server.VersionTesting.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyConfigNotFoundException;
import software.amazon.awssdk.services.lambda.model.ProvisionedConcurrencyStatusEnum;
import software.amazon.awssdk.services.lambda.model.PutProvisionedConcurrencyConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Provisioned concurrency through the real server and SDK: Put/Get/Delete/ListProvisionedConcurrencyConfig(s) and
 * their errors (checked against the AWS recordings in {@code test_lambda_api.snapshot.json},
 * {@code TestLambdaProvisionedConcurrency}, and {@code test_lambda.snapshot.json}, {@code TestLambdaConcurrency}),
 * instances initialized ahead of the first invoke and kept past the keep-alive, spill-over to on-demand instances,
 * init failures, configs on aliases, reserved and unreserved limits, and a server restart. The server's limit is 20
 * (minimum unreserved 2) and its keep-alive one second.
 */
class ProvisionedConcurrencyIT {

    private static final String ARN = VersionTesting.ARN;
    private static final Map<String, String> SETTINGS = Map.of("GUST_CONCURRENCY", "20", "GUST_KEEP_ALIVE", "1s");
    /** Sleeps for {@code event["sleep"]} seconds and tells how its instance was initialized. */
    private static final String REPORTS_INIT = """
            import os, time
            def handler(event, context):
                time.sleep(event.get("sleep", 0))
                return {"type": os.environ["AWS_LAMBDA_INITIALIZATION_TYPE"],
                        "version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"]}
            """;
    private static final String NOT_FOUND = "No Provisioned Concurrency Config found for this function";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, SETTINGS);
        lambda = server.lambda();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** Creates the reporting function and publishes version 1. */
    private static void createAndPublish(String name) {
        AsyncTesting.createPython(lambda, name, REPORTS_INIT);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
        lambda.publishVersion(b -> b.functionName(name));
    }

    private static PutProvisionedConcurrencyConfigResponse provision(String name, String qualifier, int instances) {
        return lambda.putProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(qualifier)
                .provisionedConcurrentExecutions(instances));
    }

    private static GetProvisionedConcurrencyConfigResponse config(String name, String qualifier) {
        return lambda.getProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(qualifier));
    }

    private static void unprovision(String name, String qualifier) {
        lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName(name).qualifier(qualifier));
    }

    /** Polls GetProvisionedConcurrencyConfig until it shows {@code status} (bounded: cold starts on two cores). */
    private static GetProvisionedConcurrencyConfigResponse awaitStatus(String name, String qualifier,
            ProvisionedConcurrencyStatusEnum status) {
        return Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> config(name, qualifier), config -> config.status() == status);
    }

    private static InvokeResponse invoke(String name, String qualifier, int sleepSeconds) {
        return lambda.invoke(b -> b.functionName(name).qualifier(qualifier).logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"sleep\": " + sleepSeconds + "}")));
    }

    /** The provisioned instances the health document shows for one version: requested and ready. */
    private static JsonNode health(String name, String version) {
        return AsyncTesting.health(server.gust()).path("engine").path("provisioned")
                .path("arn:aws:lambda:us-east-1:000000000000:function:" + name + ":" + version);
    }

    /**
     * The engine's instance count once every instance is a ready provisioned one: on-demand instances that earlier
     * tests left idle stop a keep-alive after their last invocation, and would otherwise leave the count while a test
     * measures what its own configs stop.
     */
    private static int instancesOnceAllAreProvisioned() {
        JsonNode engine = Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(() -> AsyncTesting.health(server.gust()).path("engine"), state -> {
                    int provisioned = 0;
                    for (JsonNode config : state.path("provisioned")) {
                        provisioned += config.path("ready").asInt();
                    }
                    return state.path("instances").asInt() == provisioned;
                });
        return engine.path("instances").asInt();
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertFails(call, ResourceNotFoundException.class, 404, message);
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertFails(call, InvalidParameterValueException.class, 400, message);
    }

    @Test
    void refusesWhatAwsRefusesWithItsErrors() {
        createAndPublish("refusals");
        assertThatThrownBy(() -> config("refusals", "1"))
                .isInstanceOfSatisfying(ProvisionedConcurrencyConfigNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(TestFunctions.parse(e.awsErrorDetails().rawResponse().asUtf8String())).isEqualTo(
                            TestFunctions.parse("{\"Type\":\"User\",\"message\":\"" + NOT_FOUND + "\"}"));
                });
        String notAVersion = "The function resource provided must be an alias or a published version.";
        assertNotFound(() -> config("doesnotexist", "noalias"),
                "Cannot find alias arn: " + ARN + "doesnotexist:noalias");
        assertNotFound(() -> config("refusals", "noalias"), "Cannot find alias arn: " + ARN + "refusals:noalias");
        assertNotFound(() -> config("refusals", "10"), "Function not found: " + ARN + "refusals:10");
        assertInvalid(() -> config("refusals", "$LATEST"), notAVersion);

        assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("refusals"))
                .provisionedConcurrencyConfigs()).isEmpty();
        assertNotFound(() -> lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("doesnotexist")),
                "Function not found: " + ARN + "doesnotexist");

        assertNotFound(() -> unprovision("doesnotexist", "1"), "Function not found: " + ARN + "doesnotexist:1");
        assertNotFound(() -> unprovision("refusals", "noalias"), "Cannot find alias arn: " + ARN + "refusals:noalias");
        assertNotFound(() -> unprovision("refusals", "10"), "Function not found: " + ARN + "refusals:10");
        assertInvalid(() -> unprovision("refusals", "$LATEST"), notAVersion);
        assertThat(lambda.deleteProvisionedConcurrencyConfig(b -> b.functionName("refusals").qualifier("1"))
                .sdkHttpResponse().statusCode()).as("deleting no config").isEqualTo(204);

        assertThatThrownBy(() -> provision("refusals", "1", 0)).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value '0' at "
                    + "'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater "
                    + "than or equal to 1");
        });
        assertNotFound(() -> provision("doesnotexist", "noalias", 1),
                "Cannot find alias arn: " + ARN + "doesnotexist:noalias");
        assertNotFound(() -> provision("doesnotexist", "1", 1), "Function not found: " + ARN + "doesnotexist:1");
        assertNotFound(() -> provision("refusals", "doesnotexist", 1),
                "Cannot find alias arn: " + ARN + "refusals:doesnotexist");
        assertNotFound(() -> provision("refusals", "10", 1), "Function not found: " + ARN + "refusals:10");
        assertInvalid(() -> provision("refusals", "$LATEST", 1),
                "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");

        assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("refusals"))
                .provisionedConcurrencyConfigs()).as("nothing changed").isEmpty();
        assertThat(health("refusals", "1").isMissingNode()).isTrue();
    }

    @Test
    void aVersionAndAnAliasOnItCannotBothHaveAConfigAndDeletingTheAliasDeletesItsConfig() {
        createAndPublish("lifecycle");
        lambda.createAlias(b -> b.functionName("lifecycle").name("live").functionVersion("1"));

        PutProvisionedConcurrencyConfigResponse put = provision("lifecycle", "1", 1);
        assertThat(put.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(put.requestedProvisionedConcurrentExecutions()).isEqualTo(1);
        assertThat(put.lastModified()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
        assertFails(() -> provision("lifecycle", "live", 1), ResourceConflictException.class, 409,
                "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version");
        unprovision("lifecycle", "1");
        assertFails(() -> config("lifecycle", "1"), ProvisionedConcurrencyConfigNotFoundException.class, 404,
                NOT_FOUND);

        provision("lifecycle", "live", 1);
        assertFails(() -> provision("lifecycle", "1", 1), ResourceConflictException.class, 409,
                "Version is pointed by a Provisioned Concurrency alias");
        lambda.deleteAlias(b -> b.functionName("lifecycle").name("live"));

        assertNotFound(() -> config("lifecycle", "live"), "Cannot find alias arn: " + ARN + "lifecycle:live");
        assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("lifecycle"))
                .provisionedConcurrencyConfigs()).isEmpty();
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> health("lifecycle", "1").isMissingNode());
    }

    @Test
    void provisionedInstancesAreReadyBeforeTheFirstInvokeAndOutliveTheKeepAlive() throws Exception {
        createAndPublish("warm");

        PutProvisionedConcurrencyConfigResponse put = provision("warm", "1", 2);

        assertThat(put.statusAsString()).isEqualTo("IN_PROGRESS");
        GetProvisionedConcurrencyConfigResponse ready = awaitStatus("warm", "1", ProvisionedConcurrencyStatusEnum.READY);
        assertThat(ready.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(ready.allocatedProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(ready.availableProvisionedConcurrentExecutions()).isEqualTo(2);
        assertThat(ready.statusReason()).isNull();
        var listed = lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("warm"))
                .provisionedConcurrencyConfigs();
        assertThat(listed).singleElement().satisfies(item -> {
            assertThat(item.functionArn()).isEqualTo(ARN + "warm:1");
            assertThat(item.statusAsString()).isEqualTo("READY");
            assertThat(item.requestedProvisionedConcurrentExecutions()).isEqualTo(2);
        });
        assertThat(health("warm", "1").path("ready").asInt()).isEqualTo(2);
        Thread.sleep(3000); // three keep-alives: on-demand instances would be reaped by now

        InvokeResponse first = invoke("warm", "1", 0);

        assertThat(TestFunctions.json(first).get("type").asText()).isEqualTo("provisioned-concurrency");
        assertThat(TestFunctions.log(first)).contains("REPORT RequestId:").doesNotContain("Init Duration");
        assertThat(health("warm", "1").path("ready").asInt()).isEqualTo(2);
        InvokeResponse latest = invoke("warm", "$LATEST", 0);
        assertThat(TestFunctions.json(latest).get("type").asText()).as("$LATEST is never provisioned")
                .isEqualTo("on-demand");
        assertThat(TestFunctions.log(latest)).contains("Init Duration");
        unprovision("warm", "1");
    }

    @Test
    void invocationsBeyondTheProvisionedInstancesRunOnDemand() throws Exception {
        createAndPublish("spill");
        provision("spill", "1", 2);
        awaitStatus("spill", "1", ProvisionedConcurrencyStatusEnum.READY);

        List<InvokeResponse> responses;
        try (ExecutorService callers = Executors.newFixedThreadPool(3)) {
            List<CompletableFuture<InvokeResponse>> calls = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> invoke("spill", "1", 3), callers)).toList();
            responses = calls.stream().map(CompletableFuture::join).toList();
        }

        assertThat(responses).extracting(r -> TestFunctions.json(r).get("type").asText())
                .containsExactlyInAnyOrder("provisioned-concurrency", "provisioned-concurrency", "on-demand");
        for (InvokeResponse response : responses) {
            boolean provisioned = TestFunctions.json(response).get("type").asText().equals("provisioned-concurrency");
            assertThat(TestFunctions.log(response).contains("Init Duration")).as(TestFunctions.log(response))
                    .isEqualTo(!provisioned);
        }
        unprovision("spill", "1");
    }

    @Test
    void aFunctionThatFailsToInitializeFailsItsConfigWithAwsReason() {
        AsyncTesting.createPython(lambda, "broken", "raise Exception('broken at import')\n" + REPORTS_INIT);
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("broken"));
        lambda.publishVersion(b -> b.functionName("broken"));

        provision("broken", "1", 1);

        GetProvisionedConcurrencyConfigResponse failed = awaitStatus("broken", "1",
                ProvisionedConcurrencyStatusEnum.FAILED);
        assertThat(failed.statusReason()).isEqualTo("FUNCTION_ERROR_INIT_FAILURE");
        assertThat(failed.allocatedProvisionedConcurrentExecutions()).isZero();
        assertThat(failed.availableProvisionedConcurrentExecutions()).isZero();
        unprovision("broken", "1");
    }

    @Test
    void aConfigOnAnAliasProvisionsTheAliasVersionAndMovesWithIt() {
        createAndPublish("aliased");
        lambda.updateFunctionConfiguration(b -> b.functionName("aliased").description("second"));
        server.functions().awaitUpdated("aliased");
        lambda.publishVersion(b -> b.functionName("aliased"));
        lambda.createAlias(b -> b.functionName("aliased").name("live").functionVersion("1"));

        provision("aliased", "live", 1);
        awaitStatus("aliased", "live", ProvisionedConcurrencyStatusEnum.READY);

        InvokeResponse viaAlias = invoke("aliased", "live", 0);
        assertThat(TestFunctions.json(viaAlias).get("type").asText()).isEqualTo("provisioned-concurrency");
        assertThat(viaAlias.executedVersion()).isEqualTo("1");
        assertThat(TestFunctions.log(viaAlias)).doesNotContain("Init Duration");
        assertFails(() -> config("aliased", "1"), ProvisionedConcurrencyConfigNotFoundException.class, 404,
                NOT_FOUND);
        assertThat(lambda.listProvisionedConcurrencyConfigs(b -> b.functionName("aliased"))
                .provisionedConcurrencyConfigs()).singleElement()
                .satisfies(item -> assertThat(item.functionArn()).isEqualTo(ARN + "aliased:live"));

        lambda.updateAlias(b -> b.functionName("aliased").name("live").functionVersion("2"));

        awaitStatus("aliased", "live", ProvisionedConcurrencyStatusEnum.READY);
        InvokeResponse moved = invoke("aliased", "live", 0);
        assertThat(moved.executedVersion()).isEqualTo("2");
        assertThat(TestFunctions.json(moved).get("type").asText()).isEqualTo("provisioned-concurrency");
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> health("aliased", "1").isMissingNode());
        assertThat(health("aliased", "2").path("ready").asInt()).isEqualTo(1);
        unprovision("aliased", "live");
    }

    @Test
    void deletingAConfigStopsItsInstancesAndLoweringItStopsTheSurplus() {
        createAndPublish("stopping");
        provision("stopping", "1", 3);
        awaitStatus("stopping", "1", ProvisionedConcurrencyStatusEnum.READY);
        int before = instancesOnceAllAreProvisioned();

        provision("stopping", "1", 1);

        assertThat(config("stopping", "1").statusAsString()).isEqualTo("READY");
        Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                AsyncTesting.health(server.gust()).path("engine").path("instances").asInt()).isEqualTo(before - 2));
        unprovision("stopping", "1");
        assertFails(() -> config("stopping", "1"), ProvisionedConcurrencyConfigNotFoundException.class, 404,
                NOT_FOUND);
        Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(
                AsyncTesting.health(server.gust()).path("engine").path("instances").asInt()).isEqualTo(before - 3));
        assertThat(health("stopping", "1").isMissingNode()).isTrue();
    }

    @Test
    void provisionedConcurrencyComesOutOfTheReservationOrTheUnreservedPool() {
        createAndPublish("overlap");
        provision("overlap", "1", 2);
        awaitStatus("overlap", "1", ProvisionedConcurrencyStatusEnum.READY);
        assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions()).isEqualTo(18);

        assertThatThrownBy(() -> lambda.putFunctionConcurrency(b -> b.functionName("overlap")
                .reservedConcurrentExecutions(1))).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(" ReservedConcurrentExecutions  1 should "
                            + "not be lower than function's total provisioned concurrency [2].");
                    assertThat(TestFunctions.parse(e.awsErrorDetails().rawResponse().asUtf8String())).isEqualTo(
                            TestFunctions.parse("{\"message\":\"" + e.awsErrorDetails().errorMessage() + "\"}"));
                });
        lambda.putFunctionConcurrency(b -> b.functionName("overlap").reservedConcurrentExecutions(2));

        // the reservation is all provisioned: nothing is left for $LATEST (recorded by AWS)
        assertThatThrownBy(() -> invoke("overlap", "$LATEST", 0)).isInstanceOfSatisfying(
                TooManyRequestsException.class, e -> assertThat(e.reasonAsString())
                        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded"));
        assertThat(TestFunctions.json(invoke("overlap", "1", 0)).get("type").asText())
                .isEqualTo("provisioned-concurrency");
        lambda.updateFunctionConfiguration(b -> b.functionName("overlap").timeout(15));
        server.functions().awaitUpdated("overlap");
        lambda.publishVersion(b -> b.functionName("overlap"));
        String overReserved = "Requested Provisioned Concurrency should not be greater than the "
                + "reservedConcurrentExecution for function";
        assertInvalid(() -> provision("overlap", "2", 1), overReserved);
        assertInvalid(() -> provision("overlap", "1", 3), overReserved);

        lambda.deleteFunctionConcurrency(b -> b.functionName("overlap"));
        unprovision("overlap", "1");
        assertThat(lambda.getAccountSettings().accountLimit().unreservedConcurrentExecutions()).isEqualTo(20);
        assertThatThrownBy(() -> provision("overlap", "1", 21)).isInstanceOfSatisfying(
                InvalidParameterValueException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "Specified ConcurrentExecutions for function is greater than account's unreserved "
                                + "concurrency [20]."));
        assertInvalid(() -> provision("overlap", "1", 19), "Specified ConcurrentExecutions for function decreases "
                + "account's UnreservedConcurrentExecution below its minimum value of [2].");
        assertFails(() -> config("overlap", "1"), ProvisionedConcurrencyConfigNotFoundException.class, 404,
                NOT_FOUND);
    }

    @Test
    void configsAreProvisionedAgainAfterARestart() throws Exception {
        createAndPublish("durable");
        provision("durable", "1", 1);
        awaitStatus("durable", "1", ProvisionedConcurrencyStatusEnum.READY);

        server.close();
        server = TestServer.start(dataDir, SETTINGS);
        lambda = server.lambda();

        GetProvisionedConcurrencyConfigResponse ready = awaitStatus("durable", "1",
                ProvisionedConcurrencyStatusEnum.READY);
        assertThat(ready.requestedProvisionedConcurrentExecutions()).isEqualTo(1);
        InvokeResponse first = invoke("durable", "1", 0);
        assertThat(TestFunctions.json(first).get("type").asText()).isEqualTo("provisioned-concurrency");
        assertThat(TestFunctions.log(first)).doesNotContain("Init Duration");
        unprovision("durable", "1");
    }
}
