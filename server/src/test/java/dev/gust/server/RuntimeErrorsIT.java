package dev.gust.server;

import static dev.gust.server.TestFunctions.json;
import static dev.gust.server.TestFunctions.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Init and handler failures of each runtime, as the caller sees them: {@code X-Amz-Function-Error: Unhandled} and
 * the payload AWS's runtimes produce, compared field by field (and in AWS's field order) with the recordings of
 * real AWS in the corpus where one exists, and with the runtime interface clients' documented shapes otherwise.
 */
class RuntimeErrorsIT {

    private static final String LAMBDA_SNAPSHOT = "localstack/tests/aws/services/lambda_/test_lambda.snapshot.json";
    private static final String COMMON_SNAPSHOT = "localstack/tests/aws/services/lambda_/test_lambda_common.snapshot.json";

    @TempDir
    static Path dataDir;
    static TestServer server;
    static TestFunctions functions;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        functions = server.functions();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The answer to an invocation that failed, checked to be an unhandled function error of {@code $LATEST}. */
    private static JsonNode failed(String name, String payload) {
        InvokeResponse response = functions.invoke(name, payload);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.functionError()).as("X-Amz-Function-Error; payload %s", response.payload().asUtf8String())
                .isEqualTo("Unhandled");
        return json(response);
    }

    /** The answer to an invocation of a function whose init fails; a second invocation must fail the same way. */
    private static JsonNode initFailure(String name) {
        JsonNode first = failed(name, "{}");
        assertThat(failed(name, "{}")).as("the next invocation retries init and fails alike").isEqualTo(first);
        return first;
    }

    /** Same members in the same order, same values. */
    private static void assertPayload(JsonNode actual, String expected) {
        JsonNode wanted = parse(expected);
        assertThat(fieldNames(actual)).containsExactlyElementsOf(fieldNames(wanted));
        assertThat(actual).isEqualTo(wanted);
    }

    /**
     * Compares a payload with a recorded one: same members in the same order, equal values except for the members
     * in {@code checks}, which are checked by their own assertion (recorded placeholders such as {@code <uuid>},
     * and values that depend on the host, such as Python's own frames).
     */
    private static void assertMatchesRecording(JsonNode actual, JsonNode recorded, Map<String, Consumer<JsonNode>> checks) {
        assertThat(fieldNames(actual)).containsExactlyElementsOf(fieldNames(recorded));
        for (String field : fieldNames(recorded)) {
            if (checks.containsKey(field)) {
                checks.get(field).accept(actual.get(field));
            } else {
                assertThat(recorded.get(field).asText()).as("recorded placeholder without a check: " + field)
                        .doesNotStartWith("<");
                assertThat(actual.get(field)).as(field).isEqualTo(recorded.get(field));
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** {@code recorded-content.<name>} of one test in a LocalStack snapshot file (responses of real AWS). */
    private static JsonNode recording(String snapshot, String test, String name) {
        JsonNode node = parse(new String(TestFunctions.corpus(snapshot), StandardCharsets.UTF_8)).path(test)
                .path("recorded-content").path(name);
        assertThat(node.isMissingNode()).as("recording %s / %s in %s", test, name, snapshot).isFalse();
        return node;
    }

    /** Checks the invoke-level members of a recorded Invoke result, and returns its payload. */
    private static JsonNode recordedPayload(String snapshot, String test, String name) {
        JsonNode recorded = recording(snapshot, test, name);
        assertThat(recorded.get("FunctionError").asText()).isEqualTo("Unhandled");
        assertThat(recorded.get("StatusCode").asInt()).isEqualTo(200);
        return recorded.get("Payload");
    }

    // ---- Python ----

    @Test
    void pythonMissingModuleIsImportModuleError() {
        functions.create("py-no-module", "python3.12", "missing.handler", Map.of("app.py", "def handler(e, c):\n    pass\n"));
        assertPayload(initFailure("py-no-module"), """
                {"errorMessage": "Unable to import module 'missing': No module named 'missing'",
                 "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}
                """);
    }

    @Test
    void pythonMissingHandlerFunctionIsHandlerNotFound() {
        functions.create("py-no-handler", "python3.12", "app.nothere", Map.of("app.py", "def handler(e, c):\n    pass\n"));
        assertPayload(initFailure("py-no-handler"), """
                {"errorMessage": "Handler 'nothere' missing on module 'app'", "errorType": "Runtime.HandlerNotFound",
                 "requestId": "", "stackTrace": []}
                """);
    }

    @Test
    void pythonSyntaxErrorIsUserCodeSyntaxError() {
        functions.create("py-syntax", "python3.12", "app.handler", Map.of("app.py", "def handler(e, c):\n    x = = 1\n"));
        assertPayload(initFailure("py-syntax"), """
                {"errorMessage": "Syntax error in module 'app': invalid syntax (app.py, line 2)",
                 "errorType": "Runtime.UserCodeSyntaxError", "requestId": "",
                 "stackTrace": ["  File \\"/var/task/app.py\\" Line 2\\n        x = = 1\\n"]}
                """);
    }

    @Test
    void pythonExceptionAtImportTimeMatchesTheRecording() {
        // the function of LocalStack's test_lambda_runtime_error: it raises on line 1, at import
        functions.create("py-import-raises", "python3.12", "lambda_runtime_error.handler", Map.of(
                "lambda_runtime_error.py", "raise Exception(\"Runtime startup fails\")\n\n\ndef handler(e, c):\n    pass\n"));
        JsonNode recorded = recordedPayload(LAMBDA_SNAPSHOT,
                "tests/aws/services/lambda_/test_lambda.py::TestLambdaErrors::test_lambda_runtime_error", "invocation_error");
        assertMatchesRecording(initFailure("py-import-raises"), recorded, Map.of("stackTrace",
                trace -> assertThat(withoutHostDetails(trace)).containsExactlyElementsOf(
                        withoutHostDetails(recorded.get("stackTrace")))));
    }

    /** Python frames with line numbers and the interpreter's own path left out (they differ by Python version). */
    private static List<String> withoutHostDetails(JsonNode frames) {
        return StreamSupport.stream(frames.spliterator(), false).map(JsonNode::asText)
                .map(frame -> frame.replaceAll("line \\d+,", "line N,")
                        .replaceAll("\"/[^\"]*/importlib/__init__\\.py\"", "\"<python>/importlib/__init__.py\""))
                .toList();
    }

    @Test
    void pythonHandlerErrorMatchesTheRecording() {
        // the function of LocalStack's test_lambda_handler_error
        functions.create("py-handler-raises", "python3.12", "lambda_handler_error.handler", Map.of(
                "lambda_handler_error.py", "def handler(event, context):\n    raise Exception(\"Handler fails\")\n"));
        InvokeResponse response = functions.invoke("py-handler-raises", "{}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        String requestId = TestFunctions.reportedRequestId(response);
        assertMatchesRecording(json(response), recordedPayload(LAMBDA_SNAPSHOT,
                "tests/aws/services/lambda_/test_lambda.py::TestLambdaErrors::test_lambda_handler_error", "invocation_error"),
                Map.of("requestId", id -> assertThat(id.asText()).isEqualTo(requestId)));
    }

    // ---- Node.js ----

    @Test
    void nodeMissingModuleIsImportModuleError() {
        functions.create("node-no-module", "nodejs20.x", "missing.handler",
                Map.of("index.js", "exports.handler = async () => 1;\n"));
        JsonNode error = initFailure("node-no-module");
        assertThat(fieldNames(error)).containsExactly("errorType", "errorMessage", "trace");
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        // AWS: "Error: Cannot find module 'missing'\nRequire stack:\n- /var/runtime/index.mjs"
        assertThat(error.get("errorMessage").asText())
                .startsWith("Error: Cannot find module 'missing'\nRequire stack:\n- /var/runtime/");
        assertThat(error.get("trace").get(0).asText())
                .isEqualTo("Runtime.ImportModuleError: Error: Cannot find module 'missing'");
        assertThat(error.get("trace").get(1).asText()).isEqualTo("Require stack:");
    }

    @Test
    void nodeMissingHandlerIsHandlerNotFound() {
        functions.create("node-no-handler", "nodejs20.x", "index.handler",
                Map.of("index.js", "exports.other = async () => 1;\n"));
        assertRuntimeError(initFailure("node-no-handler"), "Runtime.HandlerNotFound",
                "index.handler is undefined or not exported");
    }

    @Test
    void nodeSyntaxErrorIsUserCodeSyntaxError() {
        functions.create("node-syntax", "nodejs20.x", "index.handler",
                Map.of("index.js", "exports.handler = async () => {;\n"));
        assertRuntimeError(initFailure("node-syntax"), "Runtime.UserCodeSyntaxError",
                "SyntaxError: Unexpected end of input");
    }

    /** A Node.js runtime error: {@code trace} starts with {@code "<type>: <message>"}, as AWS's runtime builds it. */
    private static void assertRuntimeError(JsonNode error, String type, String message) {
        assertPayload(error, TestFunctions.JSON.createObjectNode().put("errorType", type).put("errorMessage", message)
                .set("trace", error.get("trace")).toString());
        assertThat(error.get("trace").get(0).asText()).isEqualTo(type + ": " + message);
    }

    @Test
    void nodeCallbackErrorMatchesTheRecording() {
        functions.create("node-callback-error", "nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = (event, context, callback) => {
                  callback(new Error('Error: ' + event.error_msg));
                };
                """));
        assertNodeErrorMatchesTheRecording("node-callback-error", "/var/task/index.js");
    }

    @Test
    void nodeAsyncErrorMatchesTheRecording() {
        functions.create("node-async-error", "nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = async (event) => {
                  throw new Error('Error: ' + event.error_msg);
                };
                """));
        assertNodeErrorMatchesTheRecording("node-async-error", "/var/task/index.js");
    }

    @Test
    void nodeEsModuleErrorMatchesTheRecording() {
        functions.create("node-esm-error", "nodejs20.x", "index.handler", Map.of("index.mjs", """
                export const handler = async (event) => {
                  throw new Error('Error: ' + event.error_msg);
                };
                """));
        assertNodeErrorMatchesTheRecording("node-esm-error", "file:///var/task/index.mjs");
    }

    /** The payload of LocalStack's test_uncaught_exception_invoke[nodejs20.x], recorded against AWS. */
    private static void assertNodeErrorMatchesTheRecording(String name, String userFile) {
        JsonNode recorded = recordedPayload(COMMON_SNAPSHOT, "tests/aws/services/lambda_/test_lambda_common.py::"
                + "TestLambdaRuntimesCommon::test_uncaught_exception_invoke[nodejs20.x]", "error_result");
        assertMatchesRecording(failed(name, "{\"error_msg\": \"some_error_msg\"}"), recorded, Map.of("trace", trace -> {
            assertThat(trace.get(0).asText()).isEqualTo("Error: Error: some_error_msg");
            assertThat(trace.get(1).asText()).startsWith("    at ").contains(userFile);
        }));
    }

    @Test
    void nodeEsModuleHandlersRun() {
        functions.create("node-esm", "nodejs20.x", "index.handler", Map.of("index.mjs", """
                export const handler = async (event) => ({ got: event, module: import.meta.url, require: typeof require });
                """));
        assertThat(functions.invokeForJson("node-esm", "{\"a\": [1, 2]}")).isEqualTo(parse("""
                {"got": {"a": [1, 2]}, "module": "file:///var/task/index.mjs", "require": "undefined"}
                """));
    }

    @Test
    void nodeEsModuleWithoutTheHandlerIsHandlerNotFound() {
        functions.create("node-esm-no-handler", "nodejs20.x", "index.handler", Map.of("index.mjs",
                "export const other = async () => 1;\n"));
        assertRuntimeError(initFailure("node-esm-no-handler"), "Runtime.HandlerNotFound",
                "index.handler is undefined or not exported");
    }

    // ---- Java ----

    @Test
    void javaMissingClassIsTheRuntimeInterfaceClientsClassNotFound() {
        functions.create("java-no-class", "java21", "example.Missing::handleRequest", Map.of("readme.txt", "no classes"),
                b -> b.memorySize(512).timeout(30));
        // the RIC reports a UserFault for the init error, without a stack trace
        assertPayload(initFailure("java-no-class"), """
                {"errorMessage": "Class not found: example.Missing", "errorType": "java.lang.ClassNotFoundException"}
                """);
    }
}
