package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Regions are namespaces: the region of a request is its credential scope's, and a function, version, alias, layer
 * or policy lives in the region it was made in, with regional ARNs, as on AWS. Real SDK clients, one per region.
 */
class RegionsIT {

    private static final String CODE = """
            import os
            def handler(event, context):
                print("ran " + os.environ["MARK"] + " in " + os.environ["AWS_REGION"])
                return {"mark": os.environ["MARK"], "region": os.environ["AWS_REGION"],
                        "arn": context.invoked_function_arn}
            """;

    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient virginia;
    static LambdaClient ireland;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        virginia = LambdaClients.inRegion(gust.endpoint(), Region.US_EAST_1);
        ireland = LambdaClients.inRegion(gust.endpoint(), Region.EU_WEST_1);
    }

    @AfterAll
    static void stop() throws Exception {
        virginia.close();
        ireland.close();
        gust.close();
    }

    private static FunctionConfiguration create(LambdaClient lambda, String name, String mark) {
        var created = lambda.createFunction(b -> b.functionName(name).runtime("python3.12")
                .role(FunctionLifecycleIT.ROLE).handler("app.handler").timeout(10)
                .environment(e -> e.variables(Map.of("MARK", mark)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("app.py", CODE))))));
        return FunctionConfiguration.builder().functionArn(created.functionArn()).functionName(created.functionName())
                .build();
    }

    private static JsonNode invoke(LambdaClient lambda, String function) throws Exception {
        var response = lambda.invoke(b -> b.functionName(function));
        assertThat(response.functionError()).isNull();
        return TestFunctions.JSON.readTree(response.payload().asUtf8String());
    }

    @Test
    void theSameNameInTwoRegionsIsTwoFunctionsWithRegionalArns() throws Exception {
        assertThat(create(virginia, "x", "virginia").functionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:x");
        assertThat(create(ireland, "x", "ireland").functionArn())
                .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:x");

        JsonNode here = invoke(virginia, "x");
        JsonNode there = invoke(ireland, "x");

        assertThat(here.get("mark").asText()).isEqualTo("virginia");
        assertThat(here.get("region").asText()).isEqualTo("us-east-1");
        assertThat(here.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:x");
        assertThat(there.get("mark").asText()).isEqualTo("ireland");
        assertThat(there.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(there.get("arn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:x");
        assertThat(ireland.getFunction(b -> b.functionName("x")).configuration().functionArn())
                .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:x");
        assertThat(ireland.getFunction(b -> b.functionName("x")).code().location()).contains("/000000000000/eu-west-1/");

        ireland.deleteFunction(b -> b.functionName("x"));

        assertThat(invoke(virginia, "x").get("mark").asText()).isEqualTo("virginia");
        assertThatThrownBy(() -> ireland.getFunction(b -> b.functionName("x")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:eu-west-1:000000000000:function:x");
        virginia.deleteFunction(b -> b.functionName("x"));
    }

    @Test
    void aListShowsOnlyItsRegionsFunctions() {
        create(virginia, "listed-here", "a");
        create(ireland, "listed-there", "b");

        assertThat(virginia.listFunctionsPaginator().functions()).extracting(FunctionConfiguration::functionName)
                .contains("listed-here").doesNotContain("listed-there");
        assertThat(ireland.listFunctionsPaginator().functions()).extracting(FunctionConfiguration::functionArn)
                .contains("arn:aws:lambda:eu-west-1:000000000000:function:listed-there")
                .doesNotContain("arn:aws:lambda:us-east-1:000000000000:function:listed-here");
    }

    @Test
    void anArnOfAnotherRegionIsNotReachable() {
        create(ireland, "irish", "c");

        assertThatThrownBy(() -> virginia.getFunction(b -> b.functionName(
                "arn:aws:lambda:eu-west-1:000000000000:function:irish")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
        assertThat(ireland.getFunction(b -> b.functionName("arn:aws:lambda:eu-west-1:000000000000:function:irish"))
                .configuration().functionName()).isEqualTo("irish");
    }

    @Test
    void aRegionAwsDoesNotHaveIsRefusedBeforeTheBodyIsRead() {
        try (LambdaClient moon = LambdaClients.inRegion(gust.endpoint(), Region.of("xx-moon-1"))) {
            assertThatThrownBy(() -> moon.listFunctions()).isInstanceOfSatisfying(LambdaException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Credential should be scoped to a valid region. ");
            });
        }
        try (LambdaClient china = LambdaClients.inRegion(gust.endpoint(), Region.CN_NORTH_1)) {
            assertThat(china.listFunctions().functions()).isEmpty();
        }
    }

    @Test
    void anAsyncInvokeRunsTheFunctionOfItsRegion() throws Exception {
        create(virginia, "evented", "wrong");
        create(ireland, "evented", "right");

        assertThat(ireland.invoke(b -> b.functionName("evented").invocationType(InvocationType.EVENT)).statusCode())
                .isEqualTo(202);

        Path logs = dataDir.resolve("logs/000000000000/eu-west-1/evented");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!logsContain(logs, "ran right in eu-west-1")) {
            assertThat(Instant.now()).as("the event ran in eu-west-1 in time").isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(logsContain(TestServer.logGroupDir(dataDir, "evented"), "ran")).isFalse();
    }

    private static boolean logsContain(Path dir, String text) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> {
                try {
                    return Files.readString(file).contains(text);
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void versionsAndAliasesLiveInTheirRegion() throws Exception {
        create(ireland, "aliased", "v1");
        var version = ireland.publishVersion(b -> b.functionName("aliased"));
        var alias = ireland.createAlias(b -> b.functionName("aliased").name("live").functionVersion(version.version()));

        assertThat(version.functionArn()).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:aliased:1");
        assertThat(alias.aliasArn()).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:aliased:live");
        assertThat(invoke(ireland, "aliased:live").get("arn").asText())
                .isEqualTo("arn:aws:lambda:eu-west-1:000000000000:function:aliased:live");
        assertThatThrownBy(() -> virginia.getAlias(b -> b.functionName("aliased").name("live")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void layersLiveInTheirRegion() {
        var published = ireland.publishLayerVersion(b -> b.layerName("deps").content(c -> c.zipFile(
                SdkBytes.fromByteArray(TestZips.zip(Map.of("python/dep.py", "X = 1\n"))))));

        assertThat(published.layerVersionArn()).isEqualTo("arn:aws:lambda:eu-west-1:000000000000:layer:deps:1");
        assertThat(ireland.listLayers().layers()).extracting(l -> l.layerArn())
                .contains("arn:aws:lambda:eu-west-1:000000000000:layer:deps");
        assertThat(virginia.listLayers().layers()).extracting(l -> l.layerName()).doesNotContain("deps");
        assertThatThrownBy(() -> virginia.getLayerVersion(b -> b.layerName("deps").versionNumber(1L)))
                .isInstanceOf(ResourceNotFoundException.class);
        ireland.createFunction(b -> b.functionName("layered").runtime("python3.12").role(FunctionLifecycleIT.ROLE)
                .handler("app.handler").layers(published.layerVersionArn())
                .environment(e -> e.variables(Map.of("MARK", "layered")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("app.py", CODE))))));
        assertThat(ireland.getFunction(b -> b.functionName("layered")).configuration().layers())
                .extracting(l -> l.arn()).containsExactly(published.layerVersionArn());
    }

    @Test
    void permissionsLiveInTheirRegion() {
        create(ireland, "permitted", "p");

        ireland.addPermission(b -> b.functionName("permitted").statementId("s3").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com"));

        assertThat(ireland.getPolicy(b -> b.functionName("permitted")).policy())
                .contains("\"Resource\":\"arn:aws:lambda:eu-west-1:000000000000:function:permitted\"");
        assertThatThrownBy(() -> virginia.getPolicy(b -> b.functionName("permitted")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
