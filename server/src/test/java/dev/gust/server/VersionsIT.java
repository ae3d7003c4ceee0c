package dev.gust.server;

import static dev.gust.server.VersionTesting.ARN;
import static dev.gust.server.VersionTesting.assertFails;
import static dev.gust.server.VersionTesting.createReporter;
import static dev.gust.server.VersionTesting.invoke;
import static dev.gust.server.VersionTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ListVersionsByFunctionResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/** Published versions through the real SDK: PublishVersion, ListVersionsByFunction, qualified Get, Invoke, Delete. */
class VersionsIT {

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

    private static void setStage(String name, String stage) {
        lambda.updateFunctionConfiguration(b -> b.functionName(name).environment(e -> e.variables(Map.of("STAGE", stage))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name));
    }

    @Test
    void publishesImmutableNumberedVersionsAndRepublishingUnchangedLatestReturnsTheLastOne() {
        createReporter(lambda, "publish");
        String latestRevision = lambda.getFunction(b -> b.functionName("publish")).configuration().revisionId();

        PublishVersionResponse first = lambda.publishVersion(b -> b.functionName("publish"));
        assertThat(first.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(first.version()).isEqualTo("1");
        assertThat(first.functionArn()).isEqualTo(ARN + "publish:1");
        assertThat(first.state()).isEqualTo(State.ACTIVE);
        assertThat(first.revisionId()).isNotEqualTo(latestRevision);
        assertThat(lambda.getFunction(b -> b.functionName("publish")).configuration().revisionId())
                .as("publishing gives $LATEST a new revision id").isNotEqualTo(latestRevision);

        PublishVersionResponse again = lambda.publishVersion(b -> b.functionName("publish").description("ignored"));
        assertThat(again.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(again.version()).isEqualTo("1");
        assertThat(again.revisionId()).isEqualTo(first.revisionId());

        setStage("publish", "two");
        PublishVersionResponse second = lambda.publishVersion(b -> b.functionName("publish").description("second"));
        assertThat(second.version()).isEqualTo("2");
        assertThat(second.description()).isEqualTo("second");
        assertThat(second.environment().variables()).containsEntry("STAGE", "two");

        FunctionConfiguration one = lambda.getFunction(b -> b.functionName("publish").qualifier("1")).configuration();
        assertThat(one.version()).isEqualTo("1");
        assertThat(one.functionArn()).isEqualTo(ARN + "publish:1");
        assertThat(one.environment().variables()).containsEntry("STAGE", "one");
        assertThat(one.description()).isEmpty();
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(ARN + "publish:2")).environment().variables())
                .containsEntry("STAGE", "two");
        var latest = lambda.getFunctionConfiguration(b -> b.functionName("publish")
                .qualifier("$LATEST"));
        assertThat(latest.functionArn()).isEqualTo(ARN + "publish:$LATEST");
        assertThat(latest.version()).isEqualTo("$LATEST");
    }

    @Test
    void listsLatestFirstThenVersionsInPages() {
        createReporter(lambda, "listed");
        for (String stage : List.of("a", "b", "c")) {
            setStage("listed", stage);
            lambda.publishVersion(b -> b.functionName("listed"));
        }

        ListVersionsByFunctionResponse all = lambda.listVersionsByFunction(b -> b.functionName("listed"));
        assertThat(all.versions().stream().map(FunctionConfiguration::version)).containsExactly("$LATEST", "1", "2", "3");
        assertThat(all.versions().stream().map(FunctionConfiguration::functionArn))
                .containsExactly(ARN + "listed:$LATEST", ARN + "listed:1", ARN + "listed:2", ARN + "listed:3");
        assertThat(all.nextMarker()).isNull();
        assertThat(all.versions().get(1).state()).as("list items carry no state, as in AWS").isNull();

        ListVersionsByFunctionResponse page1 = lambda.listVersionsByFunction(b -> b.functionName("listed").maxItems(1));
        ListVersionsByFunctionResponse page2 = lambda.listVersionsByFunction(b -> b.functionName("listed").maxItems(2)
                .marker(page1.nextMarker()));
        ListVersionsByFunctionResponse page3 = lambda.listVersionsByFunction(b -> b.functionName("listed").maxItems(2)
                .marker(page2.nextMarker()));
        assertThat(page1.versions().stream().map(FunctionConfiguration::version)).containsExactly("$LATEST");
        assertThat(page2.versions().stream().map(FunctionConfiguration::version)).containsExactly("1", "2");
        assertThat(page3.versions().stream().map(FunctionConfiguration::version)).containsExactly("3");
        assertThat(page3.nextMarker()).isNull();
        assertThat(lambda.listVersionsByFunctionPaginator(b -> b.functionName("listed").maxItems(1)).versions()
                .stream().count()).isEqualTo(4);

        assertFails(() -> lambda.listVersionsByFunction(b -> b.functionName("no-such-function")),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "no-such-function");
    }

    @Test
    void invokesAPublishedVersionWhileLatestMovesOn() throws Exception {
        createReporter(lambda, "invoked");
        lambda.publishVersion(b -> b.functionName("invoked"));
        lambda.updateFunctionCode(b -> b.functionName("invoked")
                .zipFile(SdkBytes.fromByteArray(VersionTesting.reporterZip("B"))));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("invoked"));

        InvokeResponse one = invoke(lambda, "invoked", "1");
        assertThat(one.executedVersion()).isEqualTo("1");
        assertThat(json(one).get("version").asText()).isEqualTo("1");
        assertThat(json(one).get("code").asText()).isEqualTo("A");
        assertThat(json(one).get("arn").asText()).isEqualTo(ARN + "invoked:1");

        InvokeResponse latest = invoke(lambda, "invoked", null);
        assertThat(latest.executedVersion()).isEqualTo("$LATEST");
        assertThat(json(latest).get("code").asText()).isEqualTo("B");
        assertThat(json(latest).get("version").asText()).isEqualTo("$LATEST");
        assertThat(invoke(lambda, "invoked", "$LATEST").executedVersion()).isEqualTo("$LATEST");

        InvokeResponse byArn = lambda.invoke(b -> b.functionName(ARN + "invoked:1").payload(SdkBytes.fromUtf8String("{}")));
        assertThat(json(byArn).get("code").asText()).isEqualTo("A");
        try (var streams = java.nio.file.Files.list(TestServer.logGroupDir(dataDir, "invoked"))) {
            assertThat(streams.map(file -> file.getFileName().toString()).toList())
                    .as("log streams named yyyy/MM/dd/[version]...").anyMatch(n -> n.contains("-_1_"))
                    .anyMatch(n -> n.contains("-_$LATEST_"));
        }

        assertFails(() -> invoke(lambda, "invoked", "7"), ResourceNotFoundException.class, 404,
                "Function not found: " + ARN + "invoked:7");
        assertFails(() -> lambda.getFunction(b -> b.functionName("invoked").qualifier("7")),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "invoked:7");
        assertThat(lambda.invoke(b -> b.functionName("invoked").qualifier("1").invocationType(InvocationType.DRY_RUN))
                .statusCode()).isEqualTo(204);
        assertFails(() -> lambda.invoke(b -> b.functionName("invoked").qualifier("7")
                .invocationType(InvocationType.DRY_RUN)), ResourceNotFoundException.class, 404,
                "Function not found: " + ARN + "invoked:7");
    }

    @Test
    void anEventInvokeOfAVersionRunsThatVersion() {
        createReporter(lambda, "evented");
        lambda.publishVersion(b -> b.functionName("evented"));
        setStage("evented", "two");

        InvokeResponse accepted = lambda.invoke(b -> b.functionName("evented").qualifier("1")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}")));
        assertThat(accepted.statusCode()).isEqualTo(202);

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(VersionTesting.logOf(dataDir, "evented"))
                        .contains("\"version\": \"1\", \"arn\": \"" + ARN + "evented:1\", \"code\": \"A\", \"stage\": \"one\""));
        assertFails(() -> lambda.invoke(b -> b.functionName("evented").qualifier("9")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}"))),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "evented:9");
    }

    @Test
    void refusesToPublishOverAStaleRevisionOrAnotherCodeSha256() {
        createReporter(lambda, "guarded");
        FunctionConfiguration latest = lambda.getFunction(b -> b.functionName("guarded")).configuration();

        assertFails(() -> lambda.publishVersion(b -> b.functionName("guarded").revisionId("wrong")),
                PreconditionFailedException.class, 412, "The Revision Id provided does not match the latest Revision "
                        + "Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        assertFails(() -> lambda.publishVersion(b -> b.functionName("guarded").codeSha256("somenonexistentsha256")),
                InvalidParameterValueException.class, 400, "CodeSHA256 (somenonexistentsha256) is different from "
                        + "current CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please try again with the "
                        + "CodeSHA256 in $LATEST.");
        assertThat(lambda.listVersionsByFunction(b -> b.functionName("guarded")).versions()).hasSize(1);

        assertThat(lambda.publishVersion(b -> b.functionName("guarded").revisionId(latest.revisionId())
                .codeSha256(latest.codeSha256())).version()).isEqualTo("1");
        assertFails(() -> lambda.publishVersion(b -> b.functionName("no-such-function")),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "no-such-function");
    }

    @Test
    void publishesOnCreateAndOnCodeUpdate() {
        var created = lambda.createFunction(b -> b.functionName("eager").runtime("python3.12")
                .role(FunctionLifecycleIT.ROLE).handler("app.handler").publish(true)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(VersionTesting.reporterZip("A")))));
        assertThat(created.version()).isEqualTo("1");
        assertThat(created.functionArn()).isEqualTo(ARN + "eager");
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(lambda.getFunction(b -> b.functionName("eager").qualifier("1")).configuration().state())
                .isEqualTo(State.ACTIVE);
        assertThat(lambda.publishVersion(b -> b.functionName("eager")).version())
                .as("$LATEST unchanged since it was published on create").isEqualTo("1");

        var recoded = lambda.updateFunctionCode(b -> b.functionName("eager").publish(true)
                .zipFile(SdkBytes.fromByteArray(VersionTesting.reporterZip("B"))));
        assertThat(recoded.version()).isEqualTo("2");
        assertThat(recoded.functionArn()).isEqualTo(ARN + "eager:2");
        assertThat(json(invoke(lambda, "eager", "2")).get("code").asText()).isEqualTo("B");
        assertThat(json(invoke(lambda, "eager", "1")).get("code").asText()).isEqualTo("A");
    }

    @Test
    void deletesOneVersionWithoutReusingItsNumber() {
        createReporter(lambda, "pruned");
        lambda.publishVersion(b -> b.functionName("pruned"));
        invoke(lambda, "pruned", "1");
        setStage("pruned", "two");
        lambda.publishVersion(b -> b.functionName("pruned"));

        lambda.deleteFunction(b -> b.functionName("pruned").qualifier("1"));
        assertFails(() -> lambda.getFunction(b -> b.functionName("pruned").qualifier("1")),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "pruned:1");
        assertFails(() -> invoke(lambda, "pruned", "1"), ResourceNotFoundException.class, 404,
                "Function not found: " + ARN + "pruned:1");
        lambda.deleteFunction(b -> b.functionName("pruned").qualifier("1")); // gone already: still 204, as AWS
        assertThat(lambda.listVersionsByFunction(b -> b.functionName("pruned")).versions().stream()
                .map(FunctionConfiguration::version)).containsExactly("$LATEST", "2");

        setStage("pruned", "three");
        assertThat(lambda.publishVersion(b -> b.functionName("pruned")).version()).isEqualTo("3");
        assertThat(json(invoke(lambda, "pruned", null)).get("stage").asText()).isEqualTo("three");
    }

    @Test
    void refusesToDeleteLatestAnAliasOrAVersionAnAliasUses() {
        createReporter(lambda, "kept");
        lambda.publishVersion(b -> b.functionName("kept"));
        lambda.createAlias(b -> b.functionName("kept").name("live").functionVersion("1"));

        assertFails(() -> lambda.deleteFunction(b -> b.functionName("kept").qualifier("$LATEST")),
                InvalidParameterValueException.class, 400,
                "$LATEST version cannot be deleted without deleting the function.");
        assertFails(() -> lambda.deleteFunction(b -> b.functionName("kept").qualifier("live")),
                InvalidParameterValueException.class, 400, "Deletion of aliases is not currently supported.");
        assertFails(() -> lambda.deleteFunction(b -> b.functionName("kept").qualifier("1")),
                ResourceConflictException.class, 409,
                "Unable to delete version because the following aliases reference it: [live]");
        assertFails(() -> lambda.deleteFunction(b -> b.functionName("no-such-function").qualifier("1")),
                ResourceNotFoundException.class, 404, "Function not found: " + ARN + "no-such-function");
        assertThat(lambda.getFunction(b -> b.functionName("kept").qualifier("1")).configuration().version())
                .isEqualTo("1");
    }

    @Test
    void refusesToUpdateAQualifiedFunction() {
        createReporter(lambda, "frozen");
        lambda.publishVersion(b -> b.functionName("frozen"));

        String message = "This operation is permitted on Lambda functions only. Aliases and versions do not support "
                + "this operation. Please specify either a function name or an unqualified function ARN.";
        assertFails(() -> lambda.updateFunctionConfiguration(b -> b.functionName("frozen:1").description("x")),
                InvalidParameterValueException.class, 400, message);
        assertFails(() -> lambda.updateFunctionCode(b -> b.functionName(ARN + "frozen:1")
                .zipFile(SdkBytes.fromByteArray(VersionTesting.reporterZip("C")))),
                InvalidParameterValueException.class, 400, message);
    }

    @Test
    void deletingTheFunctionDeletesItsVersions() {
        createReporter(lambda, "reborn");
        lambda.publishVersion(b -> b.functionName("reborn"));
        invoke(lambda, "reborn", "1");

        lambda.deleteFunction(b -> b.functionName("reborn"));
        assertFails(() -> invoke(lambda, "reborn", "1"), ResourceNotFoundException.class, 404,
                "Function not found: " + ARN + "reborn:1");

        createReporter(lambda, "reborn");
        setStage("reborn", "again");
        assertThat(lambda.publishVersion(b -> b.functionName("reborn")).version()).isEqualTo("1");
        assertThat(json(invoke(lambda, "reborn", "1")).get("stage").asText()).isEqualTo("again");
    }
}
