package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimes.FunctionInstance.FunctionError;
import dev.gust.runtimes.FunctionInstance.InitError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeBootstrapTest extends BootstrapFixture {

    NodeBootstrapTest() {
        super(Bootstraps.Family.NODEJS, "/usr/bin/node");
    }

    @Override
    String writeEchoHandler() throws IOException {
        write("echo.js", "exports.handler = async (event) => event;\n");
        return "echo.handler";
    }

    @Test
    void answersHelloWorldFromAnAsyncCommonJsHandler() throws Exception {
        write("index.js", """
                exports.handler = async (event) => ({ message: `hello ${event.name}` });
                """);
        FunctionInstance instance = start("index.handler");
        instance.awaitReady();

        assertThat(instance.invokeSuccessfully("{\"name\":\"world\"}").payload())
                .isEqualTo("{\"message\":\"hello world\"}");
    }

    @Test
    void loadsAnEsModuleByItsMjsExtension() throws Exception {
        write("app.mjs", """
                export const handler = async (event) => ({ esm: true, got: event });
                """);
        FunctionInstance instance = start("app.handler");

        assertThat(instance.invokeSuccessfully("{\"a\":1}").payload()).isEqualTo("{\"esm\":true,\"got\":{\"a\":1}}");
    }

    @Test
    void loadsAJsFileAsAnEsModuleWhenPackageJsonSaysSo() throws Exception {
        write("package.json", "{\"type\":\"module\"}");
        write("lib/main.js", """
                const answer = await Promise.resolve(42);
                export async function run() { return { answer, module: typeof require }; }
                """);
        FunctionInstance instance = start("lib/main.run");

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("{\"answer\":42,\"module\":\"undefined\"}");
    }

    @Test
    void loadsACjsFileAndNestedExports() throws Exception {
        write("handlers.cjs", """
                module.exports = { api: { get: (event, context, callback) => callback(null, 'nested') } };
                """);
        FunctionInstance instance = start("handlers.api.get");

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("\"nested\"");
    }

    @Test
    void answersACallbackHandlerWithoutWaitingForTheEventLoop() throws Exception {
        write("index.js", """
                exports.handler = (event, context, callback) => {
                  context.callbackWaitsForEmptyEventLoop = true;
                  setTimeout(() => {}, 60000);
                  callback(null, { via: 'callback' });
                };
                """);
        FunctionInstance instance = start("index.handler");

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("{\"via\":\"callback\"}");
    }

    @Test
    void answersNullForASyncHandlerThatNeverCallsBack() throws Exception {
        write("index.js", """
                exports.handler = (event) => { setTimeout(() => {}, 50); return 'ignored, as in Lambda'; };
                """);
        FunctionInstance instance = start("index.handler");

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("null");
        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("null");
    }

    @Test
    void passesTheContextObjectAsLambdaBuildsIt() throws Exception {
        write("index.js", """
                exports.handler = async (event, context) => ({
                  functionName: context.functionName,
                  functionVersion: context.functionVersion,
                  invokedFunctionArn: context.invokedFunctionArn,
                  memoryLimitInMB: context.memoryLimitInMB,
                  awsRequestId: context.awsRequestId,
                  logGroupName: context.logGroupName,
                  logStreamName: context.logStreamName,
                  remaining: context.getRemainingTimeInMillis(),
                  clientContext: context.clientContext,
                  identity: context.identity,
                  callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
                  traceId: process.env._X_AMZN_TRACE_ID,
                });
                """);
        FunctionInstance instance = start("index.handler");
        Invocation invocation = new Invocation("req-ctx", "{}".getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + 60_000, FunctionInstance.FUNCTION_ARN + ":prod", "Root=1-abc",
                "{\"custom\":{\"foo\":\"bar\"}}", "{\"cognitoIdentityId\":\"id-1\"}");

        JsonNode context = JSON.readTree(((FunctionInstance.Response) instance.invoke(invocation)).payload());

        assertThat(context.get("functionName").asText()).isEqualTo("hello");
        assertThat(context.get("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(context.get("invokedFunctionArn").asText()).isEqualTo(FunctionInstance.FUNCTION_ARN + ":prod");
        assertThat(context.get("memoryLimitInMB").isTextual()).isTrue();
        assertThat(context.get("memoryLimitInMB").asText()).isEqualTo("128");
        assertThat(context.get("awsRequestId").asText()).isEqualTo("req-ctx");
        assertThat(context.get("logGroupName").asText()).isEqualTo("/aws/lambda/hello");
        assertThat(context.get("logStreamName").asText()).isEqualTo("2026/01/01/[$LATEST]0123456789abcdef");
        assertThat(context.get("remaining").asLong()).isBetween(50_000L, 60_000L);
        assertThat(context.get("clientContext").get("custom").get("foo").asText()).isEqualTo("bar");
        assertThat(context.get("identity").get("cognitoIdentityId").asText()).isEqualTo("id-1");
        assertThat(context.get("callbackWaitsForEmptyEventLoop").asBoolean()).isTrue();
        assertThat(context.get("traceId").asText()).isEqualTo("Root=1-abc");
    }

    @Test
    void keepsModuleStateAcrossWarmInvocationsOfOneProcess() throws Exception {
        write("index.js", """
                let count = 0;
                exports.handler = async () => ({ count: ++count, pid: process.pid });
                """);
        FunctionInstance instance = start("index.handler");

        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(JSON.readTree(instance.invokeSuccessfully("{}").payload()));
        }

        assertThat(answers).extracting(answer -> answer.get("count").asInt()).containsExactly(1, 2, 3, 4, 5);
        assertThat(answers).extracting(answer -> answer.get("pid").asLong()).containsOnly(answers.get(0).get("pid").asLong());
    }

    @Test
    void reportsAnUnhandledErrorAsLambdaShapesIt() throws Exception {
        write("index.js", """
                exports.handler = async () => {
                  throw new Error('boom');
                };
                """);
        FunctionInstance instance = start("index.handler");

        FunctionError error = instance.invokeFailing("{}");

        assertThat(error.errorType()).isEqualTo("Unhandled");
        JsonNode body = JSON.readTree(error.body());
        assertThat(fieldNames(body)).containsExactly("errorType", "errorMessage", "trace");
        assertThat(body.get("errorType").asText()).isEqualTo("Error");
        assertThat(body.get("errorMessage").asText()).isEqualTo("boom");
        assertThat(body.get("trace").get(0).asText()).isEqualTo("Error: boom");
        assertThat(body.get("trace").get(1).asText()).startsWith("    at ").contains(taskRoot.resolve("index.js").toString());
        instance.awaitOutputMatching(Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t" + error.requestId()
                + "\\tERROR\\tInvoke Error \\t\\{\"errorType\":\"Error\",\"errorMessage\":\"boom\",\"stack\":\\[\"Error: boom\""));
        assertThat(instance.invokeFailing("{}").requestId()).isNotEqualTo(error.requestId());
    }

    @Test
    void reportsANonErrorPassedToTheCallbackByItsType() throws Exception {
        write("index.js", """
                exports.handler = (event, context, callback) => callback('just a string');
                """);
        FunctionInstance instance = start("index.handler");

        JsonNode body = JSON.readTree(instance.invokeFailing("{}").body());

        assertThat(body).isEqualTo(JSON.readTree(
                "{\"errorType\":\"string\",\"errorMessage\":\"just a string\",\"trace\":[]}"));
    }

    @Test
    void reportsAModuleThatCannotBeFound() throws Exception {
        FunctionInstance instance = start("missing.handler");

        InitError error = instance.awaitInitError();

        assertThat(error.errorType()).isEqualTo("Runtime.ImportModuleError");
        JsonNode body = JSON.readTree(error.body());
        assertThat(body.get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        assertThat(body.get("errorMessage").asText())
                .isEqualTo("Error: Cannot find module 'missing'\nRequire stack:\n- " + bootstrap());
        assertThat(body.get("trace").get(0).asText()).isEqualTo("Runtime.ImportModuleError: Error: Cannot find module"
                + " 'missing'");
        assertThat(instance.awaitExit()).isEqualTo(129);
        instance.awaitOutput("\tundefined\tERROR\tUncaught Exception \t{\"errorType\":"
                + "\"Runtime.ImportModuleError\",\"errorMessage\":\"Error: Cannot find module 'missing'\\nRequire stack:");
    }

    @Test
    void reportsAHandlerThatIsNotExported() throws Exception {
        write("index.js", "exports.other = async () => 1;\n");
        FunctionInstance instance = start("index.handler");

        InitError error = instance.awaitInitError();

        assertThat(error.errorType()).isEqualTo("Runtime.HandlerNotFound");
        assertThat(JSON.readTree(error.body()).get("errorMessage").asText())
                .isEqualTo("index.handler is undefined or not exported");
        assertThat(instance.awaitExit()).isEqualTo(129);
    }

    @Test
    void reportsASyntaxErrorInTheModule() throws Exception {
        write("index.js", "exports.handler = async () => {\n");
        FunctionInstance instance = start("index.handler");

        JsonNode body = JSON.readTree(instance.awaitInitError().body());

        assertThat(body.get("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
        assertThat(body.get("errorMessage").asText()).startsWith("SyntaxError: ");
        assertThat(instance.awaitExit()).isEqualTo(129);
    }

    @Test
    void reportsAMalformedHandlerName() throws Exception {
        FunctionInstance instance = start("nodot");

        JsonNode body = JSON.readTree(instance.awaitInitError().body());

        assertThat(body.get("errorType").asText()).isEqualTo("Runtime.MalformedHandlerName");
        assertThat(body.get("errorMessage").asText()).isEqualTo("Bad handler");
    }

    @Test
    void findsModulesInTheLayerNodePath() throws Exception {
        write("index.js", "exports.handler = async () => module.paths.length >= 0 && process.env.NODE_PATH;\n");
        FunctionInstance instance = start("index.handler");

        assertThat(JSON.readTree(instance.invokeSuccessfully("{}").payload()).asText())
                .startsWith("/opt/nodejs/node20/node_modules:/opt/nodejs/node_modules:" + taskRoot);
    }

    @Test
    void anEsModuleHandlerImportsAPackageFromALayerDirectoryOnNodePath(@TempDir Path opt) throws Exception {
        Path layer = opt.resolve("nodejs/node_modules");
        Files.createDirectories(layer.resolve("greeting"));
        Files.writeString(layer.resolve("greeting/package.json"), "{\"name\":\"greeting\",\"main\":\"index.js\"}");
        Files.writeString(layer.resolve("greeting/index.js"), "exports.greet = (n) => `hello ${n} from the layer`;\n");
        write("app.mjs", """
                import { greet } from 'greeting';
                export const handler = async (event) => greet(event.name);
                """);
        FunctionInstance instance = start("app.handler", Map.of("NODE_PATH", layer.toString()));

        assertThat(instance.invokeSuccessfully("{\"name\":\"esm\"}").payload()).isEqualTo("\"hello esm from the layer\"");
    }

    @Test
    void theFunctionsOwnCopyOfAPackageWinsOverTheLayers(@TempDir Path opt) throws Exception {
        Path layer = opt.resolve("nodejs/node_modules");
        Files.createDirectories(layer.resolve("greeting"));
        Files.writeString(layer.resolve("greeting/index.js"), "exports.who = 'layer';\n");
        write("node_modules/greeting/index.js", "exports.who = 'own';\n");
        write("app.mjs", """
                import { who } from 'greeting';
                export const handler = async () => who;
                """);
        FunctionInstance instance = start("app.handler", Map.of("NODE_PATH", layer.toString()));

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("\"own\"");
    }

    @Test
    void anEsModuleImportOfAMissingPackageStillFailsAsImportModuleError() throws Exception {
        write("app.mjs", "import 'no-such-package';\nexport const handler = async () => 1;\n");
        FunctionInstance instance = start("app.handler");

        JsonNode body = JSON.readTree(instance.awaitInitError().body());

        assertThat(body.get("errorMessage").asText()).contains("no-such-package");
    }

    @Test
    void theAwslambdaGlobalStreamsAResponseThatTheBufferedInvokeCollects() throws Exception {
        write("index.mjs", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
                  responseStream.setContentType('text/plain');
                  responseStream.write('hello ');
                  await new Promise((resolve) => setTimeout(resolve, 10));
                  responseStream.write(context.functionName);
                  responseStream.end();
                });
                """);
        FunctionInstance instance = start("index.handler");

        assertThat(instance.invokeSuccessfully("{}").payload()).isEqualTo("hello hello");
    }

    @Test
    void httpResponseStreamWritesItsPreludeBeforeTheBody() throws Exception {
        write("index.mjs", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  const http = awslambda.HttpResponseStream.from(responseStream,
                      { statusCode: 201, headers: { 'x-a': 'b' } });
                  http.write('body');
                  // not ended: the runtime ends the stream when the handler's promise settles
                });
                """);
        FunctionInstance instance = start("index.handler");

        assertThat(instance.invokeSuccessfully("{}").payload())
                .isEqualTo("{\"statusCode\":201,\"headers\":{\"x-a\":\"b\"}}" + "\0".repeat(8) + "body");
    }

    @Test
    void aStreamingHandlersErrorFailsTheInvocation() throws Exception {
        write("index.mjs", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  responseStream.write('partial');
                  throw new TypeError('stream broke');
                });
                """);
        FunctionInstance instance = start("index.handler");

        JsonNode body = JSON.readTree(instance.invokeFailing("{}").body());

        assertThat(body.get("errorType").asText()).isEqualTo("TypeError");
        assertThat(body.get("errorMessage").asText()).isEqualTo("stream broke");
    }

    @Test
    void aStreamingHandlersFirstWriteReachesTheCallerWhileItIsStillWriting() throws Exception {
        write("index.mjs", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  responseStream.setContentType('text/plain');
                  responseStream.write('first ');
                  await new Promise((resolve) => setTimeout(resolve, 700));
                  responseStream.write('second');
                  responseStream.end();
                });
                """);
        FunctionInstance instance = start("index.handler");
        instance.awaitReady();
        ChunkRecorder sink = new ChunkRecorder();

        FunctionInstance.Event answer = instance.invoke(streaming("req-stream", sink));

        assertThat(answer).isEqualTo(new FunctionInstance.Response("req-stream", ""));
        assertThat(sink.text()).isEqualTo("first second");
        assertThat(sink.contentType()).isEqualTo("text/plain");
        assertThat(System.nanoTime() - sink.firstChunkNanos()).as("the first chunk came before the handler's wait")
                .isGreaterThan(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void aStreamingHandlersErrorEndsTheStreamWithTheErrorInItsTrailers() throws Exception {
        write("index.mjs", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  responseStream.write('partial');
                  await new Promise((resolve) => setTimeout(resolve, 10));
                  throw new TypeError('stream broke');
                });
                """);
        FunctionInstance instance = start("index.handler");
        instance.awaitReady();
        ChunkRecorder sink = new ChunkRecorder();

        FunctionInstance.Event answer = instance.invoke(streaming("req-broken", sink));

        FunctionError error = (FunctionError) answer;
        assertThat(error.errorType()).isEqualTo("TypeError");
        JsonNode body = JSON.readTree(error.body());
        assertThat(body.get("errorMessage").asText()).isEqualTo("stream broke");
        assertThat(sink.text()).isEqualTo("partial");
        assertThat(sink.contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void anUncaughtExceptionDuringAStreamEndsItWithThatError() throws Exception {
        write("index.mjs", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  responseStream.write('before');
                  setTimeout(() => { throw new RangeError('async boom'); }, 20);
                  await new Promise(() => {});
                });
                """);
        FunctionInstance instance = start("index.handler");
        instance.awaitReady();
        ChunkRecorder sink = new ChunkRecorder();

        FunctionError error = (FunctionError) instance.invoke(streaming("req-uncaught", sink));

        assertThat(error.errorType()).isEqualTo("RangeError");
        assertThat(JSON.readTree(error.body()).get("errorMessage").asText()).isEqualTo("async boom");
        assertThat(sink.text()).isEqualTo("before");
    }

    @Test
    void aStreamedHttpResponseStartsWithItsPreludeAndTheHttpIntegrationContentType() throws Exception {
        write("index.mjs", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  const http = awslambda.HttpResponseStream.from(responseStream, { statusCode: 200 });
                  http.write({ objects: 'are JSON' });
                  http.end();
                });
                """);
        FunctionInstance instance = start("index.handler");
        instance.awaitReady();
        ChunkRecorder sink = new ChunkRecorder();

        instance.invoke(streaming("req-http", sink));

        assertThat(sink.contentType()).isEqualTo("application/vnd.awslambda.http-integration-response");
        assertThat(sink.text()).isEqualTo("{\"statusCode\":200}" + "\0".repeat(8) + "{\"objects\":\"are JSON\"}");
    }

    @Test
    void aNonAsyncStreamingHandlerFailsAsOnAws() throws Exception {
        write("index.js", """
                exports.handler = awslambda.streamifyResponse((event, responseStream) => { responseStream.write('x'); });
                """);
        FunctionInstance instance = start("index.handler");
        instance.awaitReady();

        FunctionError error = (FunctionError) instance.invoke(streaming("req-sync", new ChunkRecorder()));

        assertThat(error.errorType()).isEqualTo("Runtime.InvalidStreamingOperation");
        assertThat(JSON.readTree(error.body()).get("errorMessage").asText())
                .isEqualTo("Streaming does not support non-async handlers.");
    }

    private static Invocation streaming(String requestId, ChunkRecorder sink) {
        return new Invocation(requestId, "{}".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis() + 30_000,
                FunctionInstance.FUNCTION_ARN, null, null, null, sink);
    }
}
