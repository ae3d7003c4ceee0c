package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Validation, conflicts, preconditions, paging and tags, checked against AWS's recorded errors. */
class FunctionErrorsIT {

    static final String ROLE = FunctionLifecycleIT.ROLE;
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

    private static void create(String name, Consumer<CreateFunctionRequest.Builder> customize) {
        lambda.createFunction(b -> {
            b.functionName(name).runtime(Runtime.PYTHON3_12).role(ROLE).handler("lambda_function.lambda_handler")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.pythonHandler("1"))));
            customize.accept(b);
        });
    }

    private static void assertAwsError(ThrowingCallable call, int status, String type, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).as("status").isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).as("error type").isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).as("message").isEqualTo(message);
        });
    }

    @Test
    void rejectsInvalidSettingsWithAwsErrors() {
        assertAwsError(() -> create("bad-role", b -> b.role("r1")), 400, "ValidationException",
                "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
        assertAwsError(() -> create("bad-runtime", b -> b.runtime("non-existent-runtime")), 400,
                "InvalidParameterValueException", "Value non-existent-runtime at 'runtime' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [nodejs20.x, python3.14, provided.al2023, "
                        + "python3.12, python3.13, nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, "
                        + "ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, "
                        + "dotnet6, nodejs18.x, provided.al2, java8.al2] or be a valid ARN");
        assertAwsError(() -> create("retired", b -> b.runtime("python3.7")), 400, "InvalidParameterValueException",
                "The runtime parameter of python3.7 is no longer supported for creating or updating AWS Lambda "
                        + "functions. We recommend you use a supported runtime while creating or updating functions.");
        assertAwsError(() -> create("blocked", b -> b.runtime("java17")), 400, "InvalidParameterValueException",
                "The runtime parameter of java17 is no longer supported for creating or updating AWS Lambda "
                        + "functions. We recommend you use the new runtime (java25) while creating or updating functions.");
        assertAwsError(() -> create("small", b -> b.memorySize(64)), 400, "ValidationException",
                "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must "
                        + "have value greater than or equal to 128");
        assertAwsError(() -> create("big", b -> b.memorySize(10241).timeout(0)), 400, "ValidationException",
                "2 validation errors detected: Value '0' at 'timeout' failed to satisfy constraint: Member must have "
                        + "value greater than or equal to 1; Value '10241' at 'memorySize' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10240");
        assertAwsError(() -> create("slow", b -> b.timeout(901)), 400, "ValidationException",
                "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have "
                        + "value less than or equal to 900");
        assertAwsError(() -> create("tmp", b -> b.ephemeralStorage(e -> e.size(511))), 400, "ValidationException",
                "1 validation error detected: Value '511' at 'ephemeralStorage.size' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 512");
        assertAwsError(() -> create("archs", b -> b.architecturesWithStrings("x86_64", "arm64")), 400,
                "ValidationException", "1 validation error detected: Value '[x86_64, arm64]' at 'architectures' failed "
                        + "to satisfy constraint: Member must have length less than or equal to 1");
        String large = "x".repeat(4100);
        assertAwsError(() -> create("env", b -> b.environment(e -> e.variables(Map.of("LARGE_VAR", large))))
                , 400, "InvalidParameterValueException", "Lambda was unable to configure your environment variables "
                        + "because the environment variables you have provided exceeded the 4KB limit. String measured: "
                        + "{\"LARGE_VAR\":\"" + large + "\"}");
        assertAwsError(() -> create("reserved", b -> b.environment(e -> e.variables(Map.of("AWS_SESSION_TOKEN", "t")))),
                400, "InvalidParameterValueException", "Lambda was unable to configure your environment variables "
                        + "because the environment variables you have provided contains reserved keys that are currently "
                        + "not supported for modification. Reserved keys used in this request: AWS_SESSION_TOKEN");
        assertAwsError(() -> create("a".repeat(65), b -> { }), 400, "InvalidParameterValueException",
                "1 validation error detected: Value '" + "a".repeat(65) + "' at 'functionName' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 64");
        assertThat(lambda.listFunctions().functions()).extracting(FunctionConfiguration::functionName)
                .noneMatch(name -> List.of("bad-role", "bad-runtime", "retired", "small", "big", "slow", "tmp", "archs",
                        "env", "reserved").contains(name));
    }

    @Test
    void refusesDeadLetterTargetsOfOtherServicesOrRegionsWithAwsMessagesAndKeepsNothing() {
        assertAwsError(() -> create("with-dlq", b -> b.deadLetterConfig(d -> d.targetArn(
                "arn:aws:lambda:us-east-1:000000000000:function:other"))), 400, "InvalidParameterValueException",
                "Invalid dead letter queue ARN: The service specified by the TargetArn is not supported for dead "
                        + "letter configuration.");
        assertAwsError(() -> create("with-dlq", b -> b.deadLetterConfig(d -> d.targetArn(
                "arn:aws:sqs:eu-west-1:000000000000:dlq"))), 400, "InvalidParameterValueException",
                "Invalid dead letter queue ARN: The resource specified by the TargetArn must be in the same region as "
                        + "the Lambda function it's associated with.");
        assertAwsError(() -> create("with-dlq", b -> b.deadLetterConfig(d -> d.targetArn("dlq"))), 400,
                "ValidationException", "1 validation error detected: Value 'dlq' at 'deadLetterConfig.targetArn' "
                        + "failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
        assertAwsError(() -> lambda.getFunction(b -> b.functionName("with-dlq")), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:with-dlq");
    }

    @Test
    void storesADeadLetterQueueShowsItAndClearsItWithAnEmptyConfig() {
        String queue = "arn:aws:sqs:us-east-1:000000000000:dlq";
        create("keeps-dlq", b -> b.deadLetterConfig(d -> d.targetArn(queue)));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("keeps-dlq")).deadLetterConfig().targetArn())
                .isEqualTo(queue);
        String topic = "arn:aws:sns:us-east-1:000000000000:dead-letters";
        lambda.updateFunctionConfiguration(b -> b.functionName("keeps-dlq").deadLetterConfig(d -> d.targetArn(topic)));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("keeps-dlq")).deadLetterConfig().targetArn())
                .isEqualTo(topic);
        lambda.updateFunctionConfiguration(b -> b.functionName("keeps-dlq").description("unrelated"));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("keeps-dlq")).deadLetterConfig().targetArn())
                .isEqualTo(topic);

        lambda.updateFunctionConfiguration(b -> b.functionName("keeps-dlq").deadLetterConfig(d -> { }));

        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("keeps-dlq")).deadLetterConfig()).isNull();
    }

    @Test
    void rejectsHostileOrCorruptZipsAndKeepsNothing() {
        assertAwsError(() -> create("corrupt", b -> b.code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip")))),
                400, "InvalidParameterValueException",
                "Could not unzip uploaded file. Please check your file, then try to upload again.");
        byte[] escaping = TestZips.zip(Map.of("../../evil.py", "print('x')"));
        assertThatThrownBy(() -> create("escape", b -> b.code(c -> c.zipFile(SdkBytes.fromByteArray(escaping)))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
                });
        assertThat(dataDir.resolve("evil.py")).doesNotExist();
        assertThat(dataDir.getParent().resolve("evil.py")).doesNotExist();
        assertAwsError(() -> lambda.getFunction(b -> b.functionName("escape")), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:escape");
    }

    @Test
    void refusesDuplicatesAndReportsMissingFunctions() {
        create("twice", b -> { });
        assertAwsError(() -> create("twice", b -> { }), 409, "ResourceConflictException", "Function already exist: twice");
        assertAwsError(() -> lambda.getFunction(b -> b.functionName("missing")), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing");
        assertAwsError(() -> lambda.deleteFunction(b -> b.functionName("missing")), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing");
        assertAwsError(() -> lambda.getFunction(b -> b.functionName(
                "arn:aws:lambda:ap-southeast-1:000000000000:function:twice")), 404, "ResourceNotFoundException",
                "Functions from 'ap-southeast-1' are not reachable in this region ('us-east-1')");
        assertAwsError(() -> lambda.getFunction(b -> b.functionName("twice:1")), 404, "ResourceNotFoundException",
                "Function not found: arn:aws:lambda:us-east-1:000000000000:function:twice:1");
        assertAwsError(() -> lambda.deleteFunction(b -> b.functionName("twice").qualifier("$LATEST")), 400,
                "InvalidParameterValueException", "$LATEST version cannot be deleted without deleting the function.");
        lambda.deleteFunction(b -> b.functionName("twice"));
    }

    @Test
    void enforcesRevisionIdPreconditions() {
        create("revisions", b -> { });
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("revisions"));
        String current = lambda.getFunction(b -> b.functionName("revisions")).configuration().revisionId();
        String message = "The Revision Id provided does not match the latest Revision Id. Call the "
                + "GetFunction/GetAlias API to retrieve the latest Revision Id";
        assertAwsError(() -> lambda.updateFunctionConfiguration(b -> b.functionName("revisions").revisionId("wrong")
                .timeout(9)), 412, "PreconditionFailedException", message);
        assertAwsError(() -> lambda.updateFunctionCode(b -> b.functionName("revisions").revisionId("wrong")
                .zipFile(SdkBytes.fromByteArray(TestZips.pythonHandler("2")))), 412, "PreconditionFailedException",
                message);
        String updated = lambda.updateFunctionConfiguration(b -> b.functionName("revisions").revisionId(current)
                .timeout(9)).revisionId();
        assertThat(updated).isNotEqualTo(current);
        assertAwsError(() -> lambda.updateFunctionConfiguration(b -> b.functionName("revisions").revisionId(current)
                .timeout(8)), 412, "PreconditionFailedException", message);
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName("revisions")).timeout()).isEqualTo(9);
        lambda.deleteFunction(b -> b.functionName("revisions"));
    }

    @Test
    void listsFunctionsInPagesWithMarkers() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String name = String.format("page-%02d", i);
            names.add(name);
            create(name, b -> { });
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String from = marker;
            ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(10).marker(from));
            assertThat(page.functions()).hasSizeLessThanOrEqualTo(10);
            page.functions().forEach(f -> {
                assertThat(f.state()).as("list items carry no State").isNull();
                assertThat(f.functionArn()).doesNotEndWith("$LATEST");
            });
            page.functions().stream().map(FunctionConfiguration::functionName).filter(n -> n.startsWith("page-"))
                    .forEach(seen::add);
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertThat(seen).containsExactlyElementsOf(names);
        assertThat(pages).isGreaterThanOrEqualTo(3);
        List<String> paginated = lambda.listFunctionsPaginator(b -> b.maxItems(7)).functions().stream()
                .map(FunctionConfiguration::functionName).filter(n -> n.startsWith("page-")).toList();
        assertThat(paginated).containsExactlyElementsOf(names);
        assertAwsError(() -> lambda.listFunctions(b -> b.functionVersion("invalid")), 400, "ValidationException",
                "1 validation error detected: Value 'invalid' at 'functionVersion' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [ALL]");
        names.forEach(name -> lambda.deleteFunction(b -> b.functionName(name)));
    }

    @Test
    void tagsFunctionsByArn() {
        create("tagged", b -> b.tags(Map.of("a", "1")));
        String arn = "arn:aws:lambda:us-east-1:000000000000:function:tagged";
        lambda.tagResource(b -> b.resource(arn).tags(Map.of("b", "2", "a", "3")));
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).containsExactlyInAnyOrderEntriesOf(
                Map.of("a", "3", "b", "2"));
        lambda.untagResource(b -> b.resource(arn).tagKeys("a"));
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2"));
        assertAwsError(() -> lambda.listTags(b -> b.resource(arn + ":1")), 400, "InvalidParameterValueException",
                "Tags on function aliases and versions are not supported. Please specify a function ARN.");
        assertAwsError(() -> lambda.listTags(b -> b.resource(arn.replace("tagged", "doesnotexist"))), 404,
                "ResourceNotFoundException", "Function not found: arn:aws:lambda:us-east-1:000000000000:function:doesnotexist");
        lambda.deleteFunction(b -> b.functionName("tagged"));
    }

    @Test
    void reportsAccountSettingsWithUsage() {
        create("counted", b -> { });
        var settings = lambda.getAccountSettings();
        assertThat(settings.accountLimit().concurrentExecutions()).isEqualTo(1000);
        assertThat(settings.accountLimit().codeSizeZipped()).isEqualTo(52428800L);
        assertThat(settings.accountLimit().codeSizeUnzipped()).isEqualTo(262144000L);
        assertThat(settings.accountUsage().functionCount()).isGreaterThanOrEqualTo(1L);
        assertThat(settings.accountUsage().totalCodeSize()).isGreaterThan(0L);
        lambda.deleteFunction(b -> b.functionName("counted"));
    }
}
