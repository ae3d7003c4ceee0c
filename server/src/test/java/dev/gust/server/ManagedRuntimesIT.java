package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Managed runtimes as AWS ships them, in real sandboxes: the sandbox user's name and home, the SDK each runtime
 * includes and nothing else of the host's packages, ES module imports from layers, Ruby, the Java logger's framing,
 * and honesty about the interpreter that runs each runtime id.
 */
class ManagedRuntimesIT {

    private static final String OTHER = """
            def handler(event, context):
                return {"answer": event["n"] * 2}
            """;
    /** blank-python's calls: boto3 from the runtime, a Lambda client built at init, no endpoint or keys in code. */
    private static final String PYTHON = """
            import getpass, importlib.util, json, os
            import boto3

            client = boto3.client("lambda")

            def lambda_handler(event, context):
                answer = json.loads(client.invoke(FunctionName="other", Payload=json.dumps({"n": 21}))["Payload"].read())
                return {"user": getpass.getuser(), "home": os.path.expanduser("~"), "answer": answer["answer"],
                        "yaml": importlib.util.find_spec("yaml") is not None,
                        "cryptography": importlib.util.find_spec("cryptography") is not None,
                        "boto3": boto3.__file__}
            """;
    /** blank-nodejs's calls: the SDK v3 from the runtime, a client built at init. */
    private static final String NODE = """
            const os = require('os');
            const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
            const lambda = new LambdaClient();
            exports.handler = async function (event, context) {
              const response = await lambda.send(new InvokeCommand({ FunctionName: 'other', Payload: JSON.stringify({ n: 21 }) }));
              return { home: os.homedir(), user: os.userInfo().username,
                       answer: JSON.parse(Buffer.from(response.Payload).toString()).answer };
            };
            """;
    private static final String NODE_ESM = """
            import fs from 'node:fs';
            import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
            import { greet } from 'greeting';
            const lambda = new LambdaClient();
            export const handler = async () => {
              const response = await lambda.send(new InvokeCommand({ FunctionName: 'other', Payload: '{"n": 5}' }));
              return { greeting: greet('esm'), answer: JSON.parse(Buffer.from(response.Payload).toString()).answer,
                       linked: fs.existsSync('/var/node_modules/greeting') && fs.existsSync('/node_modules/@aws-sdk') };
            };
            """;
    private static final String RUBY = """
            require 'etc'
            require 'greeting'

            def lambda_handler(event:, context:)
              raise ArgumentError, "no name" unless event['name']
              { message: "Hello #{event['name']}", function_name: context.function_name,
                request_id: context.aws_request_id, remaining: context.get_remaining_time_in_millis,
                user: Etc.getpwuid(Process.uid).name, gem: Greeting.hello }
            end
            """;
    private static final String JAVA = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            public class Who implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    context.getLogger().log("no newline here");
                    return Map.of("user", System.getProperty("user.name"), "home", System.getProperty("user.home"));
                }
            }
            """;

    @TempDir
    static Path dataDir;
    static TestServer server;
    static TestFunctions functions;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        functions = server.functions();
        functions.create("other", "python3.12", "other.handler", Map.of("other.py", OTHER));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void pythonSeesBoto3AndItsUserButNoOtherHostPackage() {
        functions.create("py", "python3.11", "lambda_function.lambda_handler", Map.of("lambda_function.py", PYTHON),
                b -> b.timeout(30));

        JsonNode answer = functions.invokeForJson("py", "{}");

        assertThat(answer.path("answer").asInt()).as(answer.toString()).isEqualTo(42);
        assertThat(answer.path("user").asText()).isEqualTo("sbx_user1051");
        assertThat(answer.path("home").asText()).isEqualTo("/home/sbx_user1051");
        assertThat(answer.path("yaml").asBoolean()).as("yaml").isFalse();
        assertThat(answer.path("cryptography").asBoolean()).as("cryptography").isFalse();
        assertThat(answer.path("boto3").asText()).startsWith("/var/runtime/");
    }

    @Test
    void nodeIncludesTheSdkV3AndKnowsItsHome() {
        functions.create("node", "nodejs20.x", "index.handler", Map.of("index.js", NODE), b -> b.timeout(30));

        JsonNode answer = functions.invokeForJson("node", "{}");

        assertThat(answer.path("answer").asInt()).as(answer.toString()).isEqualTo(42);
        assertThat(answer.path("home").asText()).isEqualTo("/home/sbx_user1051");
        assertThat(answer.path("user").asText()).isEqualTo("sbx_user1051");
    }

    @Test
    void anEsModuleHandlerImportsTheSdkAndAPackageFromALayer() {
        byte[] layerZip = TestZips.zip(Map.of("nodejs/node_modules/greeting/index.js",
                "exports.greet = (name) => `hello ${name} from a layer`;\n"));
        String layer = server.lambda().publishLayerVersion(b -> b.layerName("greeting")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(layerZip)))).layerVersionArn();
        functions.create("esm", "nodejs22.x", "index.handler", Map.of("index.mjs", NODE_ESM),
                b -> b.timeout(30).layers(layer));

        JsonNode answer = functions.invokeForJson("esm", "{}");

        assertThat(answer.path("greeting").asText()).as(answer.toString()).isEqualTo("hello esm from a layer");
        assertThat(answer.path("answer").asInt()).isEqualTo(10);
        assertThat(answer.path("linked").asBoolean()).as("resolved through the sandbox's links, no hooks").isTrue();
    }

    @Test
    void rubyAnswersWithItsContextAndReportsErrorsAsAwsRuby() {
        // a gem vendored as `bundle config set path vendor/bundle` puts it, found through Lambda's GEM_PATH
        String gems = "vendor/bundle/ruby/3.3.0/";
        functions.create("ruby", "ruby3.3", "lambda_function.lambda_handler", Map.of("lambda_function.rb", RUBY,
                gems + "specifications/greeting-1.0.0.gemspec", """
                        Gem::Specification.new do |s|
                          s.name = 'greeting'
                          s.version = '1.0.0'
                          s.summary = 'a vendored gem'
                          s.authors = ['Gust']
                          s.files = ['lib/greeting.rb']
                          s.require_paths = ['lib']
                        end
                        """,
                gems + "gems/greeting-1.0.0/lib/greeting.rb", "module Greeting\n  def self.hello = 'vendored'\nend\n"));

        InvokeResponse hello = functions.invoke("ruby", "{\"name\": \"world\"}");
        JsonNode answer = TestFunctions.json(hello);
        assertThat(answer.path("message").asText()).as(TestFunctions.log(hello)).isEqualTo("Hello world");
        assertThat(answer.path("function_name").asText()).isEqualTo("ruby");
        assertThat(answer.path("request_id").asText()).isEqualTo(TestFunctions.reportedRequestId(hello));
        assertThat(answer.path("remaining").asLong()).isBetween(1L, 10_000L);
        assertThat(answer.path("user").asText()).isEqualTo("sbx_user1051");
        assertThat(answer.path("gem").asText()).isEqualTo("vendored");

        InvokeResponse failed = functions.invoke("ruby", "{}");
        assertThat(failed.functionError()).isEqualTo("Unhandled");
        JsonNode error = TestFunctions.json(failed);
        assertThat(error.path("errorType").asText()).isEqualTo("ArgumentError");
        assertThat(error.path("errorMessage").asText()).isEqualTo("no name");
        assertThat(error.path("stackTrace").get(0).asText()).startsWith("/var/task/lambda_function.rb:5:in ");
    }

    @Test
    void javaKnowsItsUserAndFramesALoggerLineWithoutANewline() {
        functions.create("java", "java21", "example.Who::handleRequest",
                TestZips.javaClasses(dataDir, Map.of("example/Who.java", JAVA)), b -> b.memorySize(512).timeout(30));

        InvokeResponse response = functions.invoke("java", "{}");

        JsonNode answer = TestFunctions.json(response);
        assertThat(answer.path("user").asText()).as(TestFunctions.log(response)).isEqualTo("sbx_user1051");
        assertThat(answer.path("home").asText()).isEqualTo("/home/sbx_user1051");
        assertThat(TestFunctions.log(response).lines()).contains("no newline here")
                .anyMatch(line -> line.startsWith("END RequestId: "));
    }

    @Test
    void loggingConfigAndXrayVariablesAreSetAsAwsSetsThem() {
        functions.create("env-json", "python3.12", "env.handler", Map.of("env.py",
                "import os\ndef handler(event, context):\n    return dict(os.environ)\n"),
                b -> b.loggingConfig(l -> l.logFormat("JSON").applicationLogLevel("DEBUG").systemLogLevel("WARN")));
        functions.create("env-text", "python3.12", "env.handler", Map.of("env.py",
                "import os\ndef handler(event, context):\n    return dict(os.environ)\n"));

        JsonNode json = functions.invokeForJson("env-json", "{}");
        JsonNode text = functions.invokeForJson("env-text", "{}");

        assertThat(json.path("AWS_LAMBDA_LOG_FORMAT").asText()).isEqualTo("JSON");
        assertThat(json.path("AWS_LAMBDA_LOG_LEVEL").asText()).isEqualTo("DEBUG");
        assertThat(text.has("AWS_LAMBDA_LOG_FORMAT")).as("recorded: not set for Text").isFalse();
        assertThat(text.has("AWS_LAMBDA_LOG_LEVEL")).isFalse();
        assertThat(text.has("HOME")).as("Lambda sets no HOME").isFalse();
        assertThat(text.path("AWS_XRAY_DAEMON_ADDRESS").asText()).isEqualTo("169.254.100.1:2000");
        assertThat(text.path("_AWS_XRAY_DAEMON_ADDRESS").asText()).isEqualTo("169.254.100.1");
        assertThat(text.path("_AWS_XRAY_DAEMON_PORT").asText()).isEqualTo("2000");
        assertThat(text.path("AWS_XRAY_CONTEXT_MISSING").asText()).isEqualTo("LOG_ERROR");
        assertThat(text.path("_X_AMZN_TRACE_ID").asText()).startsWith("Root=1-");
    }

    @Test
    void anIdOnAnotherMinorVersionRunsAndSaysWhichInterpreterRunsIt() {
        CreateFunctionResponse created = server.lambda().createFunction(b -> b.functionName("py314")
                .runtime("python3.14").role(FunctionLifecycleIT.ROLE).handler("other.handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("other.py", OTHER))))));

        assertThat(created.runtimeVersionConfig().error().errorCode()).isEqualTo("InterpreterVersionMismatch");
        assertThat(created.runtimeVersionConfig().error().message()).startsWith("python3.14 runs on Python 3.")
                .endsWith("no Python 3.14 found on this host");
        InvokeResponse response = functions.invoke("py314", "{\"n\": 1}");
        assertThat(TestFunctions.json(response).path("answer").asInt()).isEqualTo(2);
        assertThat(server.lambda().getFunctionConfiguration(b -> b.functionName("py314")).runtimeVersionConfig()
                .error().message()).isEqualTo(created.runtimeVersionConfig().error().message());
    }

    @Test
    void healthListsEveryCreatableRuntimeWithItsInterpreter() throws Exception {
        JsonNode runtimes = server.gust().health().path("engine").path("runtimes");
        List<String> ids = new ArrayList<>();
        runtimes.fieldNames().forEachRemaining(ids::add);

        assertThat(ids).contains("python3.10", "python3.14", "nodejs20.x", "nodejs24.x", "java21", "java25", "ruby3.3",
                "ruby3.4", "provided.al2023").doesNotContain("java11", "java17", "python3.9", "nodejs18.x");
        assertThat(runtimes.path("ruby3.3").asText()).contains("ruby").endsWith(", not Ruby 3.3");
    }
}
