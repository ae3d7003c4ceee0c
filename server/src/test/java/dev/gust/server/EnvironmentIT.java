package dev.gust.server;

import static dev.gust.server.TestFunctions.corpus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * What a function sees of its execution environment, per runtime family: Lambda's reserved environment variables
 * and its own, the context object (or, for {@code provided}, the Runtime API's invocation headers), and events
 * delivered unchanged. Reference: LocalStack's introspection functions recorded against AWS
 * ({@code test_lambda_common.snapshot.json}, {@code test_introspection_invoke[...]}).
 */
class EnvironmentIT {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final int TIMEOUT = 30;
    /**
     * The function's own variables: a plain one (as in the recordings) and one with characters a shell would eat.
     * ASCII only: a JVM decodes the environment in the locale's charset, and en_US.UTF-8 (Lambda's LANG) need not
     * exist on the host; what AWS's java runtimes do with other characters is not recorded.
     */
    private static final Map<String, String> OWN_VARIABLES = Map.of("TEST_KEY", "TEST_VAL",
            "SPECIAL_VALUE", "a \"quoted\" $value with spaces, 'quotes', a back\\slash and = signs");
    private static final List<String> SAMPLE_EVENTS = List.of(
            "aws-sam-cli/generated_sample_events-rendered/s3/put.json",
            "aws-sam-cli/generated_sample_events-rendered/apigateway/aws-proxy.json");

    private static final String PYTHON = """
            import os
            def handler(event, context):
                if not (isinstance(event, dict) and event.get("report")):
                    return event
                return {"env": dict(os.environ), "context": {
                    "requestId": context.aws_request_id, "functionName": context.function_name,
                    "functionVersion": context.function_version, "invokedFunctionArn": context.invoked_function_arn,
                    "memoryLimitInMB": context.memory_limit_in_mb,
                    "remainingTimeInMillis": context.get_remaining_time_in_millis(),
                    "logGroupName": context.log_group_name, "logStreamName": context.log_stream_name}}
            """;
    private static final String NODE = """
            exports.handler = async (event, context) => {
              if (!(event && event.report)) {
                return event;
              }
              return { env: process.env, context: {
                requestId: context.awsRequestId, functionName: context.functionName,
                functionVersion: context.functionVersion, invokedFunctionArn: context.invokedFunctionArn,
                memoryLimitInMB: context.memoryLimitInMB, remainingTimeInMillis: context.getRemainingTimeInMillis(),
                logGroupName: context.logGroupName, logStreamName: context.logStreamName } };
            };
            """;
    private static final String JAVA_REPORT = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.LinkedHashMap;
            import java.util.Map;
            public class Report implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    Map<String, Object> ctx = new LinkedHashMap<>();
                    ctx.put("requestId", context.getAwsRequestId());
                    ctx.put("functionName", context.getFunctionName());
                    ctx.put("functionVersion", context.getFunctionVersion());
                    ctx.put("invokedFunctionArn", context.getInvokedFunctionArn());
                    ctx.put("memoryLimitInMB", context.getMemoryLimitInMB());
                    ctx.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
                    ctx.put("logGroupName", context.getLogGroupName());
                    ctx.put("logStreamName", context.getLogStreamName());
                    return Map.of("env", System.getenv(), "context", ctx);
                }
            }
            """;
    private static final String JAVA_ECHO = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            public class Echo implements RequestStreamHandler {
                public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    in.transferTo(out);
                }
            }
            """;
    /**
     * A custom runtime in plain shell, as in AWS's tutorial: echoes each event byte for byte, or, for an event
     * with a "report" member, answers with what a runtime knows of the invocation, a line "--", and its
     * environment.
     */
    private static final String BOOTSTRAP = """
            #!/bin/sh
            set -eu
            api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation"
            header() { sed -n "s/^$1: *//Ip" /tmp/headers | tr -d '\\r'; }
            while true; do
              curl -sS -D /tmp/headers -o /tmp/event "$api/next"
              id=$(header Lambda-Runtime-Aws-Request-Id)
              if grep -q '"report"' /tmp/event; then
                deadline=$(header Lambda-Runtime-Deadline-Ms)
                {
                  echo "requestId=$id"
                  echo "functionName=$AWS_LAMBDA_FUNCTION_NAME"
                  echo "functionVersion=$AWS_LAMBDA_FUNCTION_VERSION"
                  echo "invokedFunctionArn=$(header Lambda-Runtime-Invoked-Function-Arn)"
                  echo "memoryLimitInMB=$AWS_LAMBDA_FUNCTION_MEMORY_SIZE"
                  echo "remainingTimeInMillis=$((deadline - $(date +%s%3N)))"
                  echo "logGroupName=$AWS_LAMBDA_LOG_GROUP_NAME"
                  echo "logStreamName=$AWS_LAMBDA_LOG_STREAM_NAME"
                  echo "--"
                  env
                } > /tmp/out
              else
                cp /tmp/event /tmp/out
              fi
              curl -sS -o /dev/null -X POST --data-binary @/tmp/out "$api/$id/response"
            done
            """;

    @TempDir
    static Path dataDir;
    static TestServer server;
    static LambdaClient lambda;
    static TestFunctions functions;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        lambda = server.lambda();
        functions = server.functions();
        create("env-python", "python3.12", "handler.handler", TestZips.zip(Map.of("handler.py", PYTHON)), 256);
        create("env-node", "nodejs20.x", "index.handler", TestZips.zip(Map.of("index.js", NODE)), 256);
        byte[] java = TestZips.javaClasses(dataDir, Map.of("example/Report.java", JAVA_REPORT,
                "example/Echo.java", JAVA_ECHO));
        create("env-java", "java21", "example.Report::handleRequest", java, 512);
        create("echo-java", "java21", "example.Echo::handleRequest", java, 512);
        create("env-provided", "provided.al2023", "function.handler", TestZips.executable("bootstrap", BOOTSTRAP), 128);
    }

    /** What a function reported: its environment and its context, as strings. */
    private record Report(Map<String, String> env, Map<String, String> context) {
    }

    private static void create(String name, String runtime, String handler, byte[] zip, int memory) {
        functions.create(name, runtime, handler, zip, b -> b.memorySize(memory).timeout(TIMEOUT)
                .environment(e -> e.variables(OWN_VARIABLES)));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void pythonFunctionSeesLambdasEnvironmentAndContext() {
        assertEnvironmentAndContext("env-python", "python3.12", "handler.handler", 256);
    }

    @Test
    void nodeFunctionSeesLambdasEnvironmentAndContext() {
        assertEnvironmentAndContext("env-node", "nodejs20.x", "index.handler", 256);
    }

    @Test
    void javaFunctionSeesLambdasEnvironmentAndContext() {
        assertEnvironmentAndContext("env-java", "java21", "example.Report::handleRequest", 512);
    }

    @Test
    void providedBootstrapSeesLambdasEnvironmentAndInvocationHeaders() {
        assertEnvironmentAndContext("env-provided", "provided.al2023", "function.handler", 128);
    }

    @Test
    void eachInstanceHasCredentialsOfItsOwn() {
        Map<String, String> python = report(functions.invoke("env-python", "{\"report\": true}")).env();
        Map<String, String> node = report(functions.invoke("env-node", "{\"report\": true}")).env();
        assertThat(node.get("AWS_ACCESS_KEY_ID")).isNotEqualTo(python.get("AWS_ACCESS_KEY_ID"));
        assertThat(node.get("AWS_SESSION_TOKEN")).isNotEqualTo(python.get("AWS_SESSION_TOKEN"));
    }

    @Test
    void providedRuntimesHaveNoExecutionEnv() {
        // recorded: AWS sets AWS_EXECUTION_ENV for managed runtimes only, not for provided.al2023
        Report report = report(functions.invoke("env-provided", "{\"report\": true}"));
        assertThat(report.env()).doesNotContainKey("AWS_EXECUTION_ENV");
    }

    @Test
    void theInvokeResponseCarriesTheInvocationsRequestId() {
        InvokeResponse response = functions.invoke("env-python", "{\"report\": true}");
        String requestId = report(response).context().get("requestId");
        assertThat(TestFunctions.reportedRequestId(response)).isEqualTo(requestId);
        assertThat(response.responseMetadata().requestId()).as("x-amzn-RequestId").isEqualTo(requestId);
    }

    @Test
    void aQualifiedInvokeSeesTheQualifiedFunctionArn() {
        // recorded (invocation_result_payload_qualified): invoked with Qualifier $LATEST, the ARN carries it
        SoftAssertions softly = new SoftAssertions();
        for (String name : List.of("env-python", "env-node", "env-java", "env-provided")) {
            InvokeResponse response = functions.invoke(name, "{\"report\": true}", b -> b.qualifier("$LATEST"));
            softly.assertThat(report(response).context().get("invokedFunctionArn")).as(name)
                    .isEqualTo(ARN + name + ":$LATEST");
        }
        softly.assertAll();
    }

    @Test
    void sampleEventsArriveUnchanged() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (String event : SAMPLE_EVENTS) {
            byte[] bytes = corpus(event);
            // runtimes that hand the handler the raw bytes must answer them byte for byte
            for (String name : List.of("env-provided", "echo-java")) {
                InvokeResponse response = lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL)
                        .payload(SdkBytes.fromByteArray(bytes)));
                softly.assertThat(response.functionError()).as(name + " " + event).isNull();
                softly.assertThat(response.payload().asByteArray()).as(name + " " + event).isEqualTo(bytes);
            }
            // runtimes that parse the event and serialise the handler's result must give back the same JSON
            JsonNode expected = TestFunctions.parse(new String(bytes, StandardCharsets.UTF_8));
            for (String name : List.of("env-python", "env-node")) {
                InvokeResponse response = lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromByteArray(bytes)));
                softly.assertThat(response.functionError()).as(name + " " + event).isNull();
                softly.assertThat(TestFunctions.json(response)).as(name + " " + event).isEqualTo(expected);
            }
        }
        softly.assertAll();
    }

    private static void assertEnvironmentAndContext(String name, String runtime, String handler, int memory) {
        InvokeResponse response = functions.invoke(name, "{\"report\": true}");
        assertThat(response.functionError()).as("%s%n%s", response.payload().asUtf8String(), TestFunctions.log(response))
                .isNull();
        Report report = report(response);
        Map<String, String> env = report.env();
        SoftAssertions softly = new SoftAssertions();
        Map<String, String> expected = new LinkedHashMap<>(OWN_VARIABLES);
        expected.put("_HANDLER", handler);
        expected.put("LAMBDA_TASK_ROOT", "/var/task");
        expected.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        expected.put("AWS_LAMBDA_FUNCTION_NAME", name);
        expected.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        expected.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memory));
        expected.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        expected.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        expected.put("AWS_REGION", "us-east-1");
        expected.put("AWS_DEFAULT_REGION", "us-east-1");
        expected.put("TZ", ":UTC");
        expected.put("LANG", "en_US.UTF-8");
        if (!runtime.startsWith("provided")) {
            expected.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + runtime);
        }
        expected.forEach((key, value) -> softly.assertThat(env.get(key)).as(key).isEqualTo(value));
        softly.assertThat(env.get("AWS_LAMBDA_RUNTIME_API")).as("AWS_LAMBDA_RUNTIME_API").matches("[^\\s:]+:\\d+");
        // temporary credentials of the function's execution role, and where the function reaches Gust
        softly.assertThat(env.get("AWS_ACCESS_KEY_ID")).as("AWS_ACCESS_KEY_ID").matches("ASIA[A-Z0-9]{12,124}");
        softly.assertThat(env.get("AWS_SECRET_ACCESS_KEY")).as("AWS_SECRET_ACCESS_KEY").isNotBlank();
        softly.assertThat(env.get("AWS_SESSION_TOKEN")).as("AWS_SESSION_TOKEN").isNotBlank();
        // isolated (the default as root): the edge is relayed on the instance's gateway, the Runtime API's host
        String runtimeApi = String.valueOf(env.get("AWS_LAMBDA_RUNTIME_API"));
        softly.assertThat(env.get("AWS_ENDPOINT_URL")).as("AWS_ENDPOINT_URL")
                .matches("http://" + java.util.regex.Pattern.quote(runtimeApi.split(":")[0]) + ":\\d+")
                .isNotEqualTo("http://" + runtimeApi);
        String stream = env.get("AWS_LAMBDA_LOG_STREAM_NAME");
        softly.assertThat(stream).as("AWS_LAMBDA_LOG_STREAM_NAME").matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        if (stream != null && stream.length() >= 10) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            softly.assertThat(LocalDate.parse(stream.substring(0, 10), DateTimeFormatter.ofPattern("yyyy/MM/dd")))
                    .as("the stream's date (UTC)").isIn(today, today.minusDays(1));
        }

        Map<String, String> context = report.context();
        softly.assertThat(context.get("requestId")).as("request id").isEqualTo(TestFunctions.reportedRequestId(response));
        softly.assertThat(context.get("functionName")).isEqualTo(name);
        softly.assertThat(context.get("functionVersion")).isEqualTo("$LATEST");
        softly.assertThat(context.get("invokedFunctionArn")).isEqualTo(ARN + name);
        softly.assertThat(context.get("memoryLimitInMB")).isEqualTo(Integer.toString(memory));
        softly.assertThat(Long.parseLong(context.get("remainingTimeInMillis"))).as("remaining time")
                .isPositive().isLessThanOrEqualTo(TIMEOUT * 1000L);
        softly.assertThat(context.get("logGroupName")).isEqualTo("/aws/lambda/" + name);
        softly.assertThat(context.get("logStreamName")).isEqualTo(stream);
        softly.assertAll();
    }

    /** Parses the JSON report of the python, node and java functions, or the text report of the shell bootstrap. */
    private static Report report(InvokeResponse response) {
        String body = response.payload().asUtf8String();
        if (!body.startsWith("{")) {
            String[] parts = body.split("\n--\n", 2);
            return new Report(keyValues(parts[1]), keyValues(parts[0]));
        }
        JsonNode json = TestFunctions.parse(body);
        return new Report(strings(json.get("env")), strings(json.get("context")));
    }

    private static Map<String, String> keyValues(String lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
        return values;
    }
}
