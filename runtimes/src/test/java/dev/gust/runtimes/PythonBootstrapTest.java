package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimes.FunctionInstance.FunctionError;
import dev.gust.runtimes.FunctionInstance.InitError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PythonBootstrapTest extends BootstrapFixture {

    PythonBootstrapTest() {
        super(Bootstraps.Family.PYTHON, "/usr/bin/python3", "-u", "-S");
    }

    @BeforeEach
    void linkTheSdk() {
        PythonSdk.linkInto(bootstrap().resolveSibling("sdk"), Path.of("/usr/bin/python3"));
    }

    @Override
    String writeEchoHandler() throws IOException {
        write("echo.py", "def handler(event, context):\n    return event\n");
        return "echo.handler";
    }

    @Test
    void answersHelloWorld() throws Exception {
        write("app.py", """
                def handler(event, context):
                    return {"message": "hello " + event["name"]}
                """);
        FunctionInstance instance = start("app.handler");
        instance.awaitReady();

        assertThat(instance.invokeSuccessfully("{\"name\":\"world\"}").payload())
                .isEqualTo("{\"message\": \"hello world\"}");
    }

    @Test
    void unmodifiedBoto3ClientsUseTheEndpointVariablesWhateverTheInstalledBotocore() throws Exception {
        // /usr/bin/python3 imports Debian's boto3 (botocore 1.29), which does not read AWS_ENDPOINT_URL itself
        write("app.py", """
                import boto3
                at_import = boto3.client("lambda")
                def handler(event, context):
                    import botocore
                    return {"import": at_import.meta.endpoint_url, "sts": boto3.client("sts").meta.endpoint_url,
                            "explicit": boto3.client("lambda", endpoint_url="http://explicit:1").meta.endpoint_url,
                            "resource": boto3.resource("dynamodb").meta.client.meta.endpoint_url}
                """);
        FunctionInstance instance = start("app.handler", java.util.Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9070",
                "AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9071", "AWS_ACCESS_KEY_ID", "ASIAEXAMPLE",
                "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", "token", "AWS_DEFAULT_REGION", "us-east-1"));

        JsonNode endpoints = JSON.readTree(instance.invokeSuccessfully("{}").payload());
        assertThat(endpoints.path("import").asText()).isEqualTo("http://127.0.0.1:9070");
        assertThat(endpoints.path("sts").asText()).as("AWS_ENDPOINT_URL_<SERVICE> first").isEqualTo("http://127.0.0.1:9071");
        assertThat(endpoints.path("explicit").asText()).isEqualTo("http://explicit:1");
        assertThat(endpoints.path("resource").asText()).isEqualTo("http://127.0.0.1:9070");
    }

    @Test
    void seesTheRuntimesSdkButNoOtherHostPackage() throws Exception {
        write("app.py", """
                import importlib.util
                def handler(event, context):
                    return {name: importlib.util.find_spec(name) is not None
                            for name in ["boto3", "botocore", "s3transfer", "yaml", "cryptography", "OpenSSL"]}
                """);
        FunctionInstance instance = start("app.handler");

        assertThat(JSON.readTree(instance.invokeSuccessfully("{}").payload())).isEqualTo(JSON.readTree("""
                {"boto3": true, "botocore": true, "s3transfer": true, "yaml": false, "cryptography": false,
                 "OpenSSL": false}"""));
    }

    @Test
    void hasTheBuiltinsTheSiteModuleAdds() throws Exception {
        write("app.py", """
                import builtins
                def handler(event, context):
                    return [name for name in ["exit", "quit", "help", "copyright", "credits", "license"]
                            if hasattr(builtins, name)]
                """);
        FunctionInstance instance = start("app.handler");

        assertThat(instance.invokeSuccessfully("{}").payload())
                .isEqualTo("[\"exit\", \"quit\", \"help\", \"copyright\", \"credits\", \"license\"]");
    }

    @Test
    void searchesPathsInLambdasOrderSoTheFunctionsOwnBoto3Wins() throws Exception {
        write("boto3/__init__.py", "__version__ = 'own'\n");
        write("app.py", """
                import sys, boto3
                def handler(event, context):
                    return {"boto3": boto3.__version__, "path": sys.path}
                """);
        FunctionInstance instance = start("app.handler");

        JsonNode answer = JSON.readTree(instance.invokeSuccessfully("{}").payload());
        assertThat(answer.path("boto3").asText()).isEqualTo("own");
        List<String> path = new ArrayList<>();
        answer.path("path").forEach(entry -> path.add(entry.asText()));
        assertThat(path.get(0)).isEqualTo(taskRoot.toString());
        assertThat(path.get(1)).matches("/opt/python/lib/python3\\.\\d+/site-packages");
        assertThat(path.get(2)).isEqualTo("/opt/python");
        assertThat(path.getLast()).isEqualTo(bootstrap().resolveSibling("sdk").toString());
        assertThat(path).noneMatch(entry -> entry.contains("dist-packages") || entry.contains("site-packages")
                && !entry.startsWith("/opt/"));
    }

    @Test
    void aFunctionThatDoesNotUseBoto3ImportsNoneOfIt() throws Exception {
        write("app.py", """
                import sys
                def handler(event, context):
                    return sorted(name for name in sys.modules if name.startswith("boto"))
                """);
        FunctionInstance instance = start("app.handler", java.util.Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9070"));

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("[]");
    }

    @Test
    void answersNullWhenTheHandlerReturnsNone() throws Exception {
        write("app.py", """
                def handler(event, context):
                    pass
                """);
        FunctionInstance instance = start("app.handler");

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("null");
    }

    @Test
    void loadsAHandlerFromASubdirectory() throws Exception {
        write("src/handlers/greet.py", """
                def handler(event, context):
                    return event
                """);
        FunctionInstance instance = start("src/handlers/greet.handler");

        assertThat(instance.invokeSuccessfully("[1, \"two\"]").payload()).isEqualTo("[1, \"two\"]");
    }

    @Test
    void passesTheContextObjectAsLambdaBuildsIt() throws Exception {
        write("app.py", """
                def handler(event, context):
                    return {
                        "function_name": context.function_name,
                        "function_version": context.function_version,
                        "invoked_function_arn": context.invoked_function_arn,
                        "memory_limit_in_mb": context.memory_limit_in_mb,
                        "aws_request_id": context.aws_request_id,
                        "log_group_name": context.log_group_name,
                        "log_stream_name": context.log_stream_name,
                        "remaining": context.get_remaining_time_in_millis(),
                        "identity_id": context.identity.cognito_identity_id,
                        "identity_pool": context.identity.cognito_identity_pool_id,
                        "custom": context.client_context.custom,
                        "app_title": context.client_context.client.app_title,
                    }
                """);
        FunctionInstance instance = start("app.handler");
        Invocation invocation = contextInvocation("{\"custom\":{\"foo\":\"bar\"},\"client\":{\"app_title\":\"demo\"},\"env\":{}}",
                "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool-1\"}");

        JsonNode context = JSON.readTree(((FunctionInstance.Response) instance.invoke(invocation)).payload());

        assertThat(context.get("function_name").asText()).isEqualTo("hello");
        assertThat(context.get("function_version").asText()).isEqualTo("$LATEST");
        assertThat(context.get("invoked_function_arn").asText()).isEqualTo(FunctionInstance.FUNCTION_ARN + ":$LATEST");
        // A string, as AWS recorded it (test_lambda.snapshot.json: "memory_limit_in_mb": "128").
        assertThat(context.get("memory_limit_in_mb").isTextual()).isTrue();
        assertThat(context.get("memory_limit_in_mb").asText()).isEqualTo("128");
        assertThat(context.get("aws_request_id").asText()).isEqualTo("req-ctx");
        assertThat(context.get("log_group_name").asText()).isEqualTo("/aws/lambda/hello");
        assertThat(context.get("log_stream_name").asText()).isEqualTo("2026/01/01/[$LATEST]0123456789abcdef");
        assertThat(context.get("remaining").asLong()).isBetween(50_000L, 60_000L);
        assertThat(context.get("identity_id").asText()).isEqualTo("id-1");
        assertThat(context.get("identity_pool").asText()).isEqualTo("pool-1");
        assertThat(context.get("custom").get("foo").asText()).isEqualTo("bar");
        assertThat(context.get("app_title").asText()).isEqualTo("demo");
    }

    @Test
    void keepsModuleStateAcrossWarmInvocationsOfOneProcess() throws Exception {
        write("counter.py", """
                import os
                count = 0

                def handler(event, context):
                    global count
                    count += 1
                    return {"count": count, "pid": os.getpid()}
                """);
        FunctionInstance instance = start("counter.handler");

        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(JSON.readTree(instance.invokeSuccessfully("{}").payload()));
        }

        assertThat(answers).extracting(answer -> answer.get("count").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(answers).extracting(answer -> answer.get("pid").asLong()).containsOnly(answers.get(0).get("pid").asLong());
    }

    @Test
    void reportsAnUnhandledExceptionAsLambdaShapesIt() throws Exception {
        write("fail.py", """
                def handler(event, context):
                    raise Exception("Handler fails")
                """);
        FunctionInstance instance = start("fail.handler");

        FunctionError error = instance.invokeFailing("{}");

        assertThat(error.errorType()).isEqualTo("Unhandled");
        JsonNode body = JSON.readTree(error.body());
        assertThat(fieldNames(body)).containsExactly("errorMessage", "errorType", "requestId", "stackTrace");
        assertThat(body.get("errorMessage").asText()).isEqualTo("Handler fails");
        assertThat(body.get("errorType").asText()).isEqualTo("Exception");
        assertThat(body.get("requestId").asText()).isEqualTo(error.requestId());
        assertThat(body.get("stackTrace")).hasSize(1);
        assertThat(body.get("stackTrace").get(0).asText()).isEqualTo("  File \"" + taskRoot.resolve("fail.py")
                + "\", line 2, in handler\n    raise Exception(\"Handler fails\")\n");
        instance.awaitOutput("[ERROR] Exception: Handler fails\rTraceback (most recent call last):\r"
                + "\u00a0\u00a0File \"" + taskRoot.resolve("fail.py") + "\", line 2, in handler\r"
                + "\u00a0\u00a0\u00a0\u00a0raise Exception(\"Handler fails\")\n");
        assertThat(instance.invokeFailing("{}").requestId()).isNotEqualTo(error.requestId());
    }

    @Test
    void reportsAResultThatIsNotJsonAsAMarshalError() throws Exception {
        write("app.py", """
                def handler(event, context):
                    return {1, 2}
                """);
        FunctionInstance instance = start("app.handler");

        JsonNode body = JSON.readTree(instance.invokeFailing("{}").body());

        assertThat(body.get("errorType").asText()).isEqualTo("Runtime.MarshalError");
        assertThat(body.get("errorMessage").asText())
                .isEqualTo("Unable to marshal response: Object of type set is not JSON serializable");
        assertThat(body.get("stackTrace")).isEmpty();
    }

    @Test
    void writesPrintsAndLogRecordsAsTheyHappen() throws Exception {
        write("app.py", """
                import logging
                logger = logging.getLogger()
                logger.setLevel(logging.INFO)

                def handler(event, context):
                    print("Lambda log message - print function")
                    logger.info("Lambda log message - logging module")
                    return 1
                """);
        FunctionInstance instance = start("app.handler");

        String requestId = instance.invokeSuccessfully("{}").requestId();

        instance.awaitOutput("Lambda log message - print function\n");
        instance.awaitOutputMatching(Pattern.compile("\\[INFO]\\t\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t"
                + requestId + "\\tLambda log message - logging module\n"));
    }

    @Test
    void reportsAModuleThatCannotBeImported() throws Exception {
        FunctionInstance instance = start("missing.handler");

        InitError error = instance.awaitInitError();

        assertThat(error.errorType()).isEqualTo("Runtime.ImportModuleError");
        assertThat(JSON.readTree(error.body())).isEqualTo(JSON.readTree("""
                {"errorMessage": "Unable to import module 'missing': No module named 'missing'",
                 "errorType": "Runtime.ImportModuleError", "requestId": "", "stackTrace": []}"""));
        assertThat(instance.awaitExit()).isEqualTo(1);
        instance.awaitOutput("[ERROR] Runtime.ImportModuleError: Unable to import module 'missing':"
                + " No module named 'missing'\rTraceback (most recent call last):\n");
    }

    @Test
    void reportsAHandlerMissingFromItsModule() throws Exception {
        write("app.py", "def handler(event, context):\n    return 1\n");
        FunctionInstance instance = start("app.nope");

        InitError error = instance.awaitInitError();

        assertThat(error.errorType()).isEqualTo("Runtime.HandlerNotFound");
        JsonNode body = JSON.readTree(error.body());
        assertThat(body.get("errorType").asText()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(body.get("errorMessage").asText()).isEqualTo("Handler 'nope' missing on module 'app'");
        assertThat(instance.awaitExit()).isEqualTo(1);
    }

    @Test
    void reportsASyntaxErrorInTheModule() throws Exception {
        write("broken.py", "def handler(event, context)\n    return 1\n");
        FunctionInstance instance = start("broken.handler");

        JsonNode body = JSON.readTree(instance.awaitInitError().body());

        assertThat(body.get("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
        assertThat(body.get("errorMessage").asText()).startsWith("Syntax error in module 'broken': ")
                .contains("broken.py, line 1");
        assertThat(body.get("stackTrace").get(0).asText())
                .startsWith("  File \"" + taskRoot.resolve("broken.py") + "\" Line 1\n    def handler(event, context)");
        assertThat(instance.awaitExit()).isEqualTo(1);
    }

    @Test
    void reportsAMalformedHandlerName() throws Exception {
        FunctionInstance instance = start("nodot");

        JsonNode body = JSON.readTree(instance.awaitInitError().body());

        assertThat(body.get("errorType").asText()).isEqualTo("Runtime.MalformedHandlerName");
        assertThat(body.get("errorMessage").asText())
                .isEqualTo("Bad handler 'nodot': not enough values to unpack (expected 2, got 1)");
        assertThat(instance.awaitExit()).isEqualTo(1);
    }

    @Test
    void reportsAnExceptionRaisedWhileImportingWithItsOwnType() throws Exception {
        write("lambda_runtime_error.py", "raise Exception(\"Runtime startup fails\")\n");
        FunctionInstance instance = start("lambda_runtime_error.handler");

        InitError error = instance.awaitInitError();

        assertThat(error.errorType()).isEqualTo("Exception");
        JsonNode body = JSON.readTree(error.body());
        assertThat(body.get("errorMessage").asText()).isEqualTo("Runtime startup fails");
        assertThat(body.get("requestId").asText()).isEmpty();
        JsonNode trace = body.get("stackTrace");
        assertThat(trace.get(0).asText()).contains("importlib").contains("in import_module");
        assertThat(trace.get(trace.size() - 1).asText()).isEqualTo("  File \""
                + taskRoot.resolve("lambda_runtime_error.py")
                + "\", line 1, in <module>\n    raise Exception(\"Runtime startup fails\")\n");
        assertThat(instance.awaitExit()).isEqualTo(1);
    }
}
