package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PackageType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** The whole life of a function through the real AWS SDK for Java v2, field by field as AWS reports it. */
class FunctionLifecycleIT {

    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
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

    @Test
    void createsReadsUpdatesAndDeletesAFunctionAsAwsReportsIt() throws Exception {
        byte[] zip = TestZips.pythonHandler("{'hello': 'world'}");
        CreateFunctionResponse created = lambda.createFunction(b -> b.functionName("lifecycle")
                .runtime(Runtime.PYTHON3_12).role(ROLE).handler("lambda_function.lambda_handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))).memorySize(256).timeout(5)
                .tags(Map.of("team", "gust")));

        assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
        assertThat(created.functionName()).isEqualTo("lifecycle");
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:lifecycle");
        assertThat(created.runtime()).isEqualTo(Runtime.PYTHON3_12);
        assertThat(created.role()).isEqualTo(ROLE);
        assertThat(created.handler()).isEqualTo("lambda_function.lambda_handler");
        assertThat(created.codeSize()).isEqualTo(zip.length);
        assertThat(created.codeSha256()).isEqualTo(Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(zip)));
        assertThat(created.description()).isEmpty();
        assertThat(created.timeout()).isEqualTo(5);
        assertThat(created.memorySize()).isEqualTo(256);
        assertThat(created.lastModified()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+0000");
        assertThat(created.version()).isEqualTo("$LATEST");
        assertThat(created.environment().variables()).isEmpty();
        assertThat(created.tracingConfig().modeAsString()).isEqualTo("PassThrough");
        assertThat(created.revisionId()).matches("[0-9a-f-]{36}");
        assertThat(created.state()).isEqualTo(State.PENDING);
        assertThat(created.stateReason()).isEqualTo("The function is being created.");
        assertThat(created.stateReasonCodeAsString()).isEqualTo("Creating");
        assertThat(created.packageType()).isEqualTo(PackageType.ZIP);
        assertThat(created.architectures()).containsExactly(Architecture.X86_64);
        assertThat(created.ephemeralStorage().size()).isEqualTo(512);
        assertThat(created.snapStart().applyOnAsString()).isEqualTo("None");
        assertThat(created.loggingConfig().logGroup()).isEqualTo("/aws/lambda/lifecycle");
        assertThat(created.loggingConfig().logFormatAsString()).isEqualTo("Text");
        assertThat(created.runtimeVersionConfig().runtimeVersionArn())
                .matches("arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}");

        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("lifecycle"));
        GetFunctionResponse got = lambda.getFunction(b -> b.functionName("lifecycle"));
        FunctionConfiguration active = got.configuration();
        assertThat(active.state()).isEqualTo(State.ACTIVE);
        assertThat(active.stateReason()).isNull();
        assertThat(active.lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(active.revisionId()).isNotEqualTo(created.revisionId());
        assertThat(got.code().repositoryType()).isEqualTo("S3");
        assertThat(got.tags()).containsEntry("team", "gust");
        assertThat(download(got.code().location())).isEqualTo(zip);

        var viaConfiguration = lambda.getFunctionConfiguration(b -> b.functionName("lifecycle"));

        assertThat(viaConfiguration.codeSha256()).isEqualTo(created.codeSha256());

        UpdateFunctionConfigurationResponse configured = lambda.updateFunctionConfiguration(b -> b
                .functionName("lifecycle").description("Changed-Description").memorySize(512).timeout(10)
                .runtime(Runtime.PYTHON3_11).environment(e -> e.variables(Map.of("ENV_A", "a"))));
        assertThat(configured.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(configured.lastUpdateStatusReasonCodeAsString()).isEqualTo("Creating");
        assertThat(configured.state()).isEqualTo(State.ACTIVE);
        assertThat(configured.description()).isEqualTo("Changed-Description");
        assertThat(configured.memorySize()).isEqualTo(512);
        assertThat(configured.environment().variables()).containsEntry("ENV_A", "a");
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("lifecycle"));

        byte[] newZip = TestZips.pythonHandler("{'hello': 'again'}");
        UpdateFunctionCodeResponse recoded = lambda.updateFunctionCode(b -> b.functionName("lifecycle")
                .zipFile(SdkBytes.fromByteArray(newZip)).publish(false));
        assertThat(recoded.codeSha256()).isNotEqualTo(created.codeSha256());
        assertThat(recoded.codeSize()).isEqualTo(newZip.length);
        assertThat(recoded.description()).isEqualTo("Changed-Description");
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("lifecycle"));
        assertThat(download(lambda.getFunction(b -> b.functionName("lifecycle")).code().location())).isEqualTo(newZip);

        lambda.deleteFunction(b -> b.functionName("lifecycle"));
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName("lifecycle")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                            "Function not found: arn:aws:lambda:us-east-1:000000000000:function:lifecycle");
                });
    }

    @Test
    void functionsCanBeAddressedByPartialAndFullArn() {
        lambda.createFunction(b -> b.functionName("by-arn").runtime(Runtime.NODEJS20_X).role(ROLE)
                .handler("index.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(
                        TestZips.zip(Map.of("index.js", "exports.handler = async () => 1;"))))));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("000000000000:function:by-arn")).functionName())
                .isEqualTo("by-arn");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(
                "arn:aws:lambda:us-east-1:000000000000:function:by-arn")).functionName()).isEqualTo("by-arn");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("by-arn").qualifier("$LATEST")).functionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:by-arn:$LATEST");
        lambda.deleteFunction(b -> b.functionName("arn:aws:lambda:us-east-1:000000000000:function:by-arn"));
    }

    @Test
    void codeLinksWithoutAValidSignatureAreRefused() throws Exception {
        lambda.createFunction(b -> b.functionName("linked").runtime(Runtime.PYTHON3_12).role(ROLE)
                .handler("lambda_function.lambda_handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.pythonHandler("1")))));
        String location = lambda.getFunction(b -> b.functionName("linked")).code().location();
        String forged = location.replaceAll("X-Gust-Signature=[0-9a-f]+", "X-Gust-Signature=" + "0".repeat(64));
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(forged)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(403);
        lambda.deleteFunction(b -> b.functionName("linked"));
    }

    static byte[] download(String location) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
