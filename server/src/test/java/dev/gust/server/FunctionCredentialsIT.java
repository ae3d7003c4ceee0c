package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code inside a function calls Gust with nothing but what Lambda gives it: a Python function runs boto3 unmodified
 * (no endpoint, no keys in its code), on Debian's boto3, with its execution role's temporary credentials and
 * {@code AWS_ENDPOINT_URL}. What those credentials may do is what the execution role's policies allow (dev mode
 * creates a missing role with the data plane only), bounded by the server's {@code function-credentials} setting.
 */
class FunctionCredentialsIT {

    private static final String CALLER = """
            import json
            import boto3
            import botocore.exceptions

            lambda_client = boto3.client("lambda")

            def handler(event, context):
                try:
                    if event["action"] == "invoke":
                        response = lambda_client.invoke(FunctionName="other", Payload=json.dumps({"n": 21}))
                        return {"payload": json.loads(response["Payload"].read())}
                    if event["action"] == "delete":
                        lambda_client.delete_function(FunctionName="other")
                        return {"deleted": True}
                    if event["action"] == "identity":
                        return {"arn": boto3.client("sts").get_caller_identity()["Arn"]}
                except botocore.exceptions.ClientError as e:
                    return {"error": e.response["Error"]["Code"], "message": e.response["Error"]["Message"],
                            "status": e.response["ResponseMetadata"]["HTTPStatusCode"]}
            """;
    private static final String OTHER = """
            def handler(event, context):
                return {"answer": event["n"] * 2}
            """;

    /** The same calls from a java21 function with the AWS SDK for Java v2 in its package, unmodified too. */
    private static final String JAVA_CALLER = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            import software.amazon.awssdk.awscore.exception.AwsServiceException;
            import software.amazon.awssdk.core.SdkBytes;
            import software.amazon.awssdk.services.lambda.LambdaClient;
            public class Caller implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                private static final LambdaClient LAMBDA = LambdaClient.create();
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    try {
                        if ("invoke".equals(event.get("action"))) {
                            return Map.of("payload", LAMBDA.invoke(b -> b.functionName("other")
                                    .payload(SdkBytes.fromUtf8String("{\\"n\\": 21}"))).payload().asUtf8String());
                        }
                        LAMBDA.deleteFunction(b -> b.functionName("other"));
                        return Map.of("deleted", true);
                    } catch (AwsServiceException e) {
                        return Map.of("error", e.awsErrorDetails().errorCode(), "status", e.statusCode(),
                                "message", e.awsErrorDetails().errorMessage());
                    }
                }
            }
            """;

    @TempDir
    Path dataDir;

    @Test
    void aFunctionInvokesAnotherWithUnmodifiedBoto3ButCannotDeleteIt() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dataDir.resolve("default")), Map.of())) {
            createBoth(server);

            JsonNode invoked = server.functions().invokeForJson("caller", "{\"action\": \"invoke\"}");
            assertThat(invoked.path("payload").path("answer").asInt()).as(invoked.toString()).isEqualTo(42);

            JsonNode identity = server.functions().invokeForJson("caller", "{\"action\": \"identity\"}");
            assertThat(identity.path("arn").asText())
                    .isEqualTo("arn:aws:sts::000000000000:assumed-role/lambda-role/caller");

            JsonNode denied = server.functions().invokeForJson("caller", "{\"action\": \"delete\"}");
            assertThat(denied.path("error").asText()).as(denied.toString()).isEqualTo("AccessDeniedException");
            assertThat(denied.path("status").asInt()).isEqualTo(403);
            assertThat(denied.path("message").asText()).contains("lambda:DeleteFunction");
            assertThat(server.lambda().getFunction(b -> b.functionName("other")).configuration().functionName())
                    .as("still there").isEqualTo("other");
        }
    }

    @Test
    void aJavaFunctionWithTheSdkV2DoesTheSameUnmodified() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dataDir.resolve("java")), Map.of())) {
            server.functions().create("other", "python3.12", "other.handler", Map.of("other.py", OTHER));
            server.functions().create("java-caller", "java21", "example.Caller::handleRequest", javaCaller(),
                    b -> b.timeout(60).memorySize(512));

            JsonNode invoked = server.functions().invokeForJson("java-caller", "{\"action\": \"invoke\"}");
            assertThat(invoked.path("payload").asText()).as(invoked.toString()).isNotEmpty();
            assertThat(TestFunctions.parse(invoked.path("payload").asText()).path("answer").asInt()).isEqualTo(42);

            JsonNode denied = server.functions().invokeForJson("java-caller", "{\"action\": \"delete\"}");
            assertThat(denied.path("error").asText()).as(denied.toString()).isEqualTo("AccessDeniedException");
            assertThat(denied.path("status").asInt()).isEqualTo(403);
        }
    }

    @Test
    void aFunctionWhoseRoleAllowsDeletingDeletesAnother() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dataDir.resolve("allowed")), Map.of())) {
            createBoth(server);
            allowDeleting(server);

            JsonNode deleted = server.functions().invokeForJson("caller", "{\"action\": \"delete\"}");

            assertThat(deleted.path("deleted").asBoolean()).as(deleted.toString()).isTrue();
            assertThat(server.lambda().listFunctions().functions()).extracting(f -> f.functionName())
                    .containsExactly("caller");
        }
    }

    @Test
    void theFunctionCredentialsSettingBoundsWhatTheRoleAllows() throws Exception {
        try (TestServer server = TestServer.start(Files.createDirectories(dataDir.resolve("bounded")),
                Map.of("GUST_FUNCTION_CREDENTIALS", "data-plane"))) {
            createBoth(server);
            allowDeleting(server);

            JsonNode denied = server.functions().invokeForJson("caller", "{\"action\": \"delete\"}");

            assertThat(denied.path("error").asText()).as(denied.toString()).isEqualTo("AccessDeniedException");
            assertThat(denied.path("message").asText()).isEqualTo("User: arn:aws:sts::000000000000:assumed-role/"
                    + "lambda-role/caller is not authorized to perform: lambda:DeleteFunction on resource: "
                    + "arn:aws:lambda:us-east-1:000000000000:function:other because no session policy allows the "
                    + "lambda:DeleteFunction action");
            JsonNode invoked = server.functions().invokeForJson("caller", "{\"action\": \"invoke\"}");
            assertThat(invoked.path("payload").path("answer").asInt()).as(invoked.toString()).isEqualTo(42);
        }
    }

    /** Lets the callers' role (which dev mode created with the data plane only) delete functions too. */
    private void allowDeleting(TestServer server) throws Exception {
        ReadmeShell.Result put = new ReadmeShell(Files.createDirectories(dataDir.resolve("work")), server.gust())
                .bash("""
                        /usr/bin/aws --endpoint-url "$AWS_ENDPOINT_URL" iam put-role-policy --role-name lambda-role \
                            --policy-name delete --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":
                            "Allow","Action":"lambda:DeleteFunction","Resource":"*"}]}'
                        """);
        assertThat(put.exitCode()).as(put.output()).isZero();
    }

    private static void createBoth(TestServer server) {
        server.functions().create("other", "python3.12", "other.handler", Map.of("other.py", OTHER));
        server.functions().create("caller", "python3.12", "caller.handler", Map.of("caller.py", CALLER),
                b -> b.timeout(30));
    }

    /**
     * The Java caller's package: its class at the root and, in {@code lib/}, the SDK's jars from this test's own
     * class path, with the URL connection client as the only HTTP client (as a function would package it).
     */
    private byte[] javaCaller() {
        List<Path> sdk = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(jar -> jar.contains("/software/amazon/awssdk/") || jar.contains("/software/amazon/eventstream/")
                        || jar.contains("/org/reactivestreams/") || jar.contains("/slf4j-api-"))
                .filter(jar -> !jar.contains("apache5-client") && !jar.contains("netty-nio-client"))
                .map(Path::of).toList();
        Map<String, byte[]> files = new LinkedHashMap<>(TestZips.javaClassFiles(dataDir,
                Map.of("example/Caller.java", JAVA_CALLER), sdk));
        try {
            for (Path jar : sdk) {
                files.put("lib/" + jar.getFileName(), Files.readAllBytes(jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestZips.zipBytes(files);
    }
}
