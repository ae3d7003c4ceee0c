package dev.gust.server;

import static dev.gust.server.VersionTesting.ARN;
import static dev.gust.server.VersionTesting.assertFails;
import static dev.gust.server.VersionTesting.createReporter;
import static dev.gust.server.VersionTesting.invoke;
import static dev.gust.server.VersionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListAliasesResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

/** Aliases through the real SDK: CRUD with Lambda's errors, routing by alias, and the weighted split. */
class AliasesIT {

    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        lambda = LambdaClients.forServer(gust.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        gust.close();
    }

    /** A reporting function with version 1 ({@code STAGE=one}) and version 2 ({@code STAGE=two}). */
    private static void createWithTwoVersions(String name) {
        createReporter(lambda, name);
        lambda.publishVersion(b -> b.functionName(name));
        lambda.updateFunctionConfiguration(b -> b.functionName(name).environment(e -> e.variables(Map.of("STAGE", "two"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
        lambda.publishVersion(b -> b.functionName(name));
    }

    @Test
    void createsGetsUpdatesListsAndDeletesAliases() {
        createWithTwoVersions("crud");

        CreateAliasResponse created = lambda.createAlias(b -> b.functionName("crud").name("live").functionVersion("1")
                .description("custom-alias").routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.2))));
        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.aliasArn()).isEqualTo(ARN + "crud:live");
        assertThat(created.name()).isEqualTo("live");
        assertThat(created.functionVersion()).isEqualTo("1");
        assertThat(created.description()).isEqualTo("custom-alias");
        assertThat(created.routingConfig().additionalVersionWeights()).containsExactly(Map.entry("2", 0.2));
        assertThat(created.revisionId()).isNotBlank();

        var got = lambda.getAlias(b -> b.functionName("crud").name("live"));
        assertThat(got.aliasArn()).isEqualTo(created.aliasArn());
        assertThat(got.revisionId()).isEqualTo(created.revisionId());
        assertThat(got.routingConfig().additionalVersionWeights()).containsExactly(Map.entry("2", 0.2));

        lambda.createAlias(b -> b.functionName("crud").name("plain").functionVersion("1"));
        lambda.createAlias(b -> b.functionName("crud").name("second").functionVersion("2"));
        var plain = lambda.getAlias(b -> b.functionName("crud").name("plain"));
        assertThat(plain.description()).isEmpty();
        assertThat(plain.routingConfig()).as("no RoutingConfig without weights").isNull();

        UpdateAliasResponse unsplit = lambda.updateAlias(b -> b.functionName("crud").name("live")
                .routingConfig(r -> r.additionalVersionWeights(Map.of())));
        assertThat(unsplit.routingConfig()).isNull();
        assertThat(unsplit.description()).isEqualTo("custom-alias");
        assertThat(unsplit.revisionId()).isNotEqualTo(created.revisionId());
        UpdateAliasResponse touched = lambda.updateAlias(b -> b.functionName("crud").name("plain"));
        assertThat(touched.revisionId()).as("an update without changes still changes the revision")
                .isNotEqualTo(plain.revisionId());

        ListAliasesResponse all = lambda.listAliases(b -> b.functionName("crud"));
        assertThat(all.aliases().stream().map(AliasConfiguration::name)).containsExactly("live", "plain", "second");
        assertThat(lambda.listAliases(b -> b.functionName("crud").functionVersion("1")).aliases().stream()
                .map(AliasConfiguration::name)).containsExactly("live", "plain");
        ListAliasesResponse first = lambda.listAliases(b -> b.functionName("crud").maxItems(2));
        assertThat(first.aliases()).hasSize(2);
        assertThat(lambda.listAliases(b -> b.functionName("crud").marker(first.nextMarker())).aliases().stream()
                .map(AliasConfiguration::name)).containsExactly("second");
        assertThat(lambda.listAliasesPaginator(b -> b.functionName("crud").maxItems(1)).aliases().stream().count())
                .isEqualTo(3);

        lambda.deleteAlias(b -> b.functionName("crud").name("live"));
        lambda.deleteAlias(b -> b.functionName("crud").name("live")); // deleting a missing alias succeeds, as in AWS
        assertThat(lambda.listAliases(b -> b.functionName("crud")).aliases().stream().map(AliasConfiguration::name))
                .containsExactly("plain", "second");
        assertFails(() -> lambda.getAlias(b -> b.functionName("crud").name("live")), ResourceNotFoundException.class,
                404, "Cannot find alias arn: " + ARN + "crud:live");
    }

    @Test
    void refusesBadRoutingConfigsAndNamesWithLambdasErrors() {
        createWithTwoVersions("invalid");
        String weights = "1 validation error detected: Value '{2=%s}' at 'routingConfig.additionalVersionWeights' "
                + "failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than "
                + "or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]";

        assertFails(() -> createAlias("invalid", "custom", "1", Map.of("1", 0.8, "2", 0.2)),
                InvalidParameterValueException.class, 400,
                "Number of items in AdditionalVersionWeights cannot be greater than 1");
        assertFails(() -> createAlias("invalid", "custom", "1", Map.of("2", 2.0)), LambdaException.class, 400,
                weights.formatted("2.0"));
        assertFails(() -> createAlias("invalid", "custom", "1", Map.of("2", -1.0)), LambdaException.class, 400,
                weights.formatted("-1.0"));
        assertFails(() -> createAlias("invalid", "custom", "1", Map.of("1", 0.5)), InvalidParameterValueException.class,
                400, "Invalid function version 1. Function version 1 is already included in routing configuration.");
        assertFails(() -> createAlias("invalid", "custom", "10", Map.of("2", 0.5)), ResourceNotFoundException.class,
                404, "Function not found: " + ARN + "invalid:10");
        assertFails(() -> createAlias("invalid", "custom", "1", Map.of("10", 0.5)), ResourceNotFoundException.class,
                404, "Function not found: " + ARN + "invalid:10");
        assertFails(() -> createAlias("invalid", "custom", "$LATEST", Map.of("1", 0.5)),
                InvalidParameterValueException.class, 400,
                "$LATEST is not supported for an alias pointing to more than 1 version");
        assertFails(() -> createAlias("invalid", "custom", "1", Map.of("$LATEST", 0.5)), LambdaException.class, 400,
                "1 validation error detected: Value '{$LATEST=0.5}' at 'routingConfig.additionalVersionWeights' "
                        + "failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length "
                        + "less than or equal to 1024, Member must have length greater than or equal to 1, Member must "
                        + "satisfy regular expression pattern: [0-9]+]");
        assertFails(() -> createAlias("invalid-unknown", "custom", "1", Map.of("2", 0.5)),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "invalid-unknown:1");
        assertFails(() -> createAlias("invalid", "2024", "1", Map.of()), LambdaException.class, 400,
                "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
        assertThat(lambda.listAliases(b -> b.functionName("invalid")).aliases()).isEmpty();

        assertThat(createAlias("invalid", "custom-latest", "$LATEST", Map.of()).functionVersion()).isEqualTo("$LATEST");
        assertThat(createAlias("invalid", "2024-01-02", "1", Map.of()).name()).isEqualTo("2024-01-02");
        createAlias("invalid", "custom", "1", Map.of("2", 0.5));
        assertFails(() -> createAlias("invalid", "custom", "1", Map.of("2", 0.5)), ResourceConflictException.class,
                409, "Alias already exists: " + ARN + "invalid:custom");
        assertFails(() -> lambda.getAlias(b -> b.functionName("invalid").name("non-existent")),
                ResourceNotFoundException.class, 404, "Cannot find alias arn: " + ARN + "invalid:non-existent");
        assertFails(() -> lambda.updateAlias(b -> b.functionName("invalid").name("non-existent")),
                ResourceNotFoundException.class, 404, "Alias not found: " + ARN + "invalid:non-existent");
        assertFails(() -> lambda.updateAlias(b -> b.functionName("invalid").name("custom").functionVersion("2")),
                InvalidParameterValueException.class, 400,
                "Invalid function version 2. Function version 2 is already included in routing configuration.");
        assertFails(() -> lambda.updateAlias(b -> b.functionName("invalid").name("custom").revisionId("wrong")),
                PreconditionFailedException.class, 412, "The Revision Id provided does not match the latest Revision "
                        + "Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        assertFails(() -> lambda.listAliases(b -> b.functionName("invalid-unknown")), ResourceNotFoundException.class,
                404, "Function not found: " + ARN + "invalid-unknown");
    }

    private static CreateAliasResponse createAlias(String function, String name, String version,
            Map<String, Double> weights) {
        return lambda.createAlias(b -> b.functionName(function).name(name).functionVersion(version)
                .routingConfig(r -> r.additionalVersionWeights(weights)));
    }

    @Test
    void getFunctionByAliasReportsTheAliasArnAndItsVersion() {
        createWithTwoVersions("named");
        String aliasArn = lambda.createAlias(b -> b.functionName("named").name("stable").functionVersion("1"))
                .aliasArn();

        var byQualifier = lambda.getFunction(b -> b.functionName("named").qualifier("stable")).configuration();
        var byArn = lambda.getFunction(b -> b.functionName(aliasArn)).configuration();
        for (var configuration : List.of(byQualifier, byArn)) {
            assertThat(configuration.functionArn()).isEqualTo(ARN + "named:stable");
            assertThat(configuration.version()).isEqualTo("1");
            assertThat(configuration.environment().variables()).containsEntry("STAGE", "one");
        }
        assertFails(() -> lambda.getFunction(b -> b.functionName("named").qualifier("aliasdoesnotexist")),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "named:aliasdoesnotexist");
    }

    @Test
    void invokingAnAliasRunsItsVersionAndFollowsUpdatesAtOnce() {
        createWithTwoVersions("routed");
        lambda.createAlias(b -> b.functionName("routed").name("live").functionVersion("1"));

        InvokeResponse before = invoke(lambda, "routed", "live");
        assertThat(before.executedVersion()).isEqualTo("1");
        assertThat(json(before).get("version").asText()).isEqualTo("1");
        assertThat(json(before).get("arn").asText()).isEqualTo(ARN + "routed:live");
        assertThat(json(before).get("stage").asText()).isEqualTo("one");

        lambda.updateAlias(b -> b.functionName("routed").name("live").functionVersion("2"));
        InvokeResponse after = invoke(lambda, "routed", "live");
        assertThat(after.executedVersion()).isEqualTo("2");
        assertThat(json(after).get("stage").asText()).isEqualTo("two");
        assertThat(json(lambda.invoke(b -> b.functionName(ARN + "routed:live").payload(SdkBytes.fromUtf8String("{}"))))
                .get("arn").asText()).isEqualTo(ARN + "routed:live");

        lambda.deleteAlias(b -> b.functionName("routed").name("live"));
        assertFails(() -> invoke(lambda, "routed", "live"), ResourceNotFoundException.class, 404,
                "Function not found: " + ARN + "routed:live");
    }

    @Test
    void anEventInvokeOfAnAliasRunsTheAliasVersion() {
        createWithTwoVersions("queued");
        lambda.createAlias(b -> b.functionName("queued").name("live").functionVersion("2"));

        InvokeResponse accepted = lambda.invoke(b -> b.functionName("queued").qualifier("live")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}")));
        assertThat(accepted.statusCode()).isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(VersionTesting.logOf(dataDir, "queued"))
                        .contains("\"version\": \"2\", \"arn\": \"" + ARN + "queued:live\""));
        assertFails(() -> lambda.invoke(b -> b.functionName("queued").qualifier("dead")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}"))),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "queued:dead");
    }

    /**
     * 1,000 invokes of an alias routed 90/10: the additional version's count is binomial(1000, 0.1), mean 100 and
     * sigma 9.5; five sigma either side cannot flake, and a broken split (0, 500 or 1,000) fails.
     */
    @Test
    void splitsInvocationsBetweenTwoVersionsByWeight() throws Exception {
        createWithTwoVersions("split");
        lambda.createAlias(b -> b.functionName("split").name("canary").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1))));

        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> executed = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                executed.add(callers.submit(() -> {
                    InvokeResponse response = invoke(lambda, "split", "canary");
                    assertThat(json(response).get("version").asText()).isEqualTo(response.executedVersion());
                    return response.executedVersion();
                }));
            }
            int additional = 0;
            for (Future<String> version : executed) {
                String ran = version.get();
                assertThat(ran).isIn("1", "2");
                if (ran.equals("2")) {
                    additional++;
                }
            }
            assertThat(additional).isBetween(53, 147);
        } finally {
            callers.shutdownNow();
        }
    }
}
