package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Creates, updates and invokes test functions through a real SDK client, and reads what invokes answer (payload
 * as JSON, the decoded log tail, the REPORT line). Not thread-safe to configure, safe to call from many threads.
 */
final class TestFunctions {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REPORT = Pattern.compile("REPORT RequestId: ([0-9a-f-]{36})\t");

    private final LambdaClient lambda;

    TestFunctions(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** Creates a function from source files, with a 10-second timeout unless {@code customize} says otherwise. */
    void create(String name, String runtime, String handler, Map<String, String> files,
            Consumer<CreateFunctionRequest.Builder> customize) {
        create(name, runtime, handler, TestZips.zip(files), customize);
    }

    void create(String name, String runtime, String handler, Map<String, String> files) {
        create(name, runtime, handler, files, b -> { });
    }

    void create(String name, String runtime, String handler, byte[] zip, Consumer<CreateFunctionRequest.Builder> customize) {
        lambda.createFunction(b -> {
            b.functionName(name).runtime(runtime).role(FunctionLifecycleIT.ROLE).handler(handler).timeout(10)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zip)));
            customize.accept(b);
        });
    }

    /** A synchronous invoke with {@code LogType Tail}. */
    InvokeResponse invoke(String name, String payload) {
        return invoke(name, payload, b -> { });
    }

    InvokeResponse invoke(String name, String payload, Consumer<InvokeRequest.Builder> customize) {
        return lambda.invoke(b -> {
            b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload));
            customize.accept(b);
        });
    }

    /** Invokes and returns the payload parsed as JSON, failing with the log tail if the function failed. */
    JsonNode invokeForJson(String name, String payload) {
        InvokeResponse response = invoke(name, payload);
        assertThat(response.functionError()).as("function error; payload %s, log:%n%s",
                response.payload().asUtf8String(), log(response)).isNull();
        return json(response);
    }

    /** Waits until the last update is applied, and checks that it succeeded. */
    void awaitUpdated(String name) {
        LastUpdateStatus status = lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName(name))
                .matched().response().orElseThrow().configuration().lastUpdateStatus();
        assertThat(status).isEqualTo(LastUpdateStatus.SUCCESSFUL);
    }

    static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    static JsonNode json(InvokeResponse response) {
        return parse(response.payload().asUtf8String());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The request id of the REPORT line in the response's log tail. */
    static String reportedRequestId(InvokeResponse response) {
        Matcher m = REPORT.matcher(log(response));
        assertThat(m.find()).as("a REPORT line in the log tail:%n%s", log(response)).isTrue();
        return m.group(1);
    }

    /**
     * A file of the reference corpus, copied with its licence into this module's test resources
     * ({@code src/test/resources/corpus/}, under the corpus's relative paths; its README names the origins).
     * Its absence fails the test: the recorded shapes are the point of the tests that use it.
     */
    static byte[] corpus(String relativePath) {
        try (InputStream in = TestFunctions.class.getResourceAsStream("/corpus/" + relativePath)) {
            if (in == null) {
                throw new AssertionError("The reference corpus file " + relativePath + " is missing from the test "
                        + "resources (server/src/test/resources/corpus/)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
