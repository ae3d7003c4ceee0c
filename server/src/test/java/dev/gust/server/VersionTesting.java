package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** What the version and alias ITs share: a function that reports which version ran it and how it was named. */
final class VersionTesting {

    static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

    private VersionTesting() {
    }

    /** Handler source that answers (and prints) its version, invoked ARN, code mark and STAGE variable. */
    static String reporter(String codeMark) {
        return """
                import json, os
                def handler(event, context):
                    seen = {"version": os.environ["AWS_LAMBDA_FUNCTION_VERSION"],
                            "arn": context.invoked_function_arn, "code": "%s", "stage": os.environ.get("STAGE")}
                    print("SEEN " + json.dumps(seen))
                    return seen
                """.formatted(codeMark);
    }

    static byte[] reporterZip(String codeMark) {
        return TestZips.zip(Map.of("app.py", reporter(codeMark)));
    }

    /** Creates a reporting Python function with code mark {@code A} and {@code STAGE=one}. */
    static void createReporter(LambdaClient lambda, String name) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(FunctionLifecycleIT.ROLE)
                .handler("app.handler").timeout(10).environment(e -> e.variables(Map.of("STAGE", "one")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(reporterZip("A")))));
    }

    static InvokeResponse invoke(LambdaClient lambda, String name, String qualifier) {
        return lambda.invoke(b -> {
            b.functionName(name).payload(SdkBytes.fromUtf8String("{}"));
            if (qualifier != null) {
                b.qualifier(qualifier);
            }
        });
    }

    static JsonNode json(InvokeResponse response) {
        return TestFunctions.json(response);
    }

    /** Everything the function's instances logged so far. */
    static String logOf(Path dataDir, String function) {
        Path dir = TestServer.logGroupDir(dataDir, function);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (var files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that {@code call} fails with AWS's error: its type (the SDK's exception class), status and message. */
    static void assertFails(ThrowingCallable call, Class<? extends LambdaException> type, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(type, e -> {
            org.assertj.core.api.Assertions.assertThat(e.statusCode()).isEqualTo(status);
            org.assertj.core.api.Assertions.assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
