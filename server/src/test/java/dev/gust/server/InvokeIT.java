package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Synchronous invokes through the real SDK, running real runtimes in real bubblewrap sandboxes. */
class InvokeIT {

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

    static void create(String name, String runtime, String handler, Map<String, String> files, int timeout) {
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).role(FunctionLifecycleIT.ROLE)
                .handler(handler).timeout(timeout).environment(e -> e.variables(Map.of("GREETING", "hi")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(files)))));
    }

    /** A package whose single file keeps its exec bit, as {@code zip} on Linux stores it. */
    static void createExecutable(String name, String runtime, String file, String content) {
        lambda.createFunction(b -> b.functionName(name).runtime(runtime).role(FunctionLifecycleIT.ROLE)
                .handler("unused").timeout(3).code(c -> c.zipFile(SdkBytes.fromByteArray(
                        TestZips.executable(file, content)))));
    }

    static InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(payload)));
    }

    static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    @Test
    void pythonFunctionReturnsItsPayloadWithContextAndEnvironment() {
        create("py-hello", "python3.12", "app.handler", Map.of("app.py", """
                import os
                count = 0
                def handler(event, context):
                    global count
                    count += 1
                    print("hello from python")
                    return {"echo": event, "greeting": os.environ["GREETING"], "count": count,
                            "name": context.function_name, "memory": context.memory_limit_in_mb,
                            "arn": context.invoked_function_arn, "remaining": context.get_remaining_time_in_millis() > 0,
                            "task": os.environ["LAMBDA_TASK_ROOT"], "region": os.environ["AWS_REGION"]}
                """), 3);
        InvokeResponse first = invoke("py-hello", "{\"a\":1}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.functionError()).isNull();
        assertThat(first.executedVersion()).isEqualTo("$LATEST");
        String body = first.payload().asUtf8String();
        assertThat(body).contains("\"echo\": {\"a\": 1}").contains("\"greeting\": \"hi\"").contains("\"count\": 1")
                .contains("\"name\": \"py-hello\"").contains("\"memory\": \"128\"")
                .contains("arn:aws:lambda:us-east-1:000000000000:function:py-hello")
                .contains("\"remaining\": true").contains("\"task\": \"/var/task\"").contains("\"region\": \"us-east-1\"");
        assertThat(log(first)).contains("START RequestId: ").contains("hello from python")
                .containsPattern("REPORT RequestId: [0-9a-f-]{36}\tDuration: [0-9.]+ ms\tBilled Duration: \\d+ ms\t"
                        + "Memory Size: 128 MB\tMax Memory Used: \\d+ MB\tInit Duration: [0-9.]+ ms\t");
        InvokeResponse second = invoke("py-hello", "{}");
        assertThat(second.payload().asUtf8String()).contains("\"count\": 2");
        assertThat(log(second)).doesNotContain("Init Duration");
    }

    @Test
    void nodeFunctionRunsAsyncHandlers() {
        create("node-hello", "nodejs20.x", "index.handler", Map.of("index.js",
                "exports.handler = async (event, context) => ({ got: event.x, id: context.awsRequestId.length });"), 3);
        assertThat(invoke("node-hello", "{\"x\":42}").payload().asUtf8String()).isEqualTo("{\"got\":42,\"id\":36}");
    }

    @Test
    void providedBootstrapSpeaksTheRuntimeApi() {
        createExecutable("provided-hello", "provided.al2023", "bootstrap", """
                #!/usr/bin/python3
                import os, urllib.request
                api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"
                while True:
                    with urllib.request.urlopen(api + "next") as r:
                        rid = r.headers["Lambda-Runtime-Aws-Request-Id"]
                        event = r.read()
                    urllib.request.urlopen(urllib.request.Request(api + rid + "/response", data=b'{"provided":' + event + b'}', method="POST")).read()
                """);
        assertThat(invoke("provided-hello", "[1,2]").payload().asUtf8String()).isEqualTo("{\"provided\":[1,2]}");
    }

    @Test
    void handlerErrorsAreUnhandledFunctionErrors() {
        create("py-error", "python3.12", "app.handler", Map.of("app.py",
                "def handler(event, context):\n    raise ValueError('boom')\n"), 3);
        InvokeResponse response = invoke("py-error", "{}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("\"errorMessage\": \"boom\"")
                .contains("\"errorType\": \"ValueError\"");
    }

    @Test
    void timeoutsKillTheInstanceAndAnswerSandboxTimedout() {
        create("py-slow", "python3.12", "app.handler", Map.of("app.py",
                "import time\ndef handler(event, context):\n    time.sleep(10)\n"), 1);
        InvokeResponse response = invoke("py-slow", "{}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("\"errorType\":\"Sandbox.Timedout\"")
                .contains("Task timed out after 1.00 seconds");
        assertThat(log(response)).contains("Task timed out after 1.00 seconds");
    }

    @Test
    void aCrashIsRuntimeExitErrorAndTheNextInvokeGetsAFreshInstance() {
        create("py-crash", "python3.12", "app.handler", Map.of("app.py", """
                import os
                def handler(event, context):
                    if event.get("crash"):
                        os._exit(3)
                    return "alive"
                """), 3);
        InvokeResponse crashed = invoke("py-crash", "{\"crash\":true}");
        assertThat(crashed.functionError()).isEqualTo("Unhandled");
        assertThat(crashed.payload().asUtf8String()).contains("Runtime.ExitError")
                .contains("Runtime exited with error: exit status 3");
        assertThat(invoke("py-crash", "{}").payload().asUtf8String()).isEqualTo("\"alive\"");
    }

    @Test
    void theSandboxHidesTheDataDirAndKeepsTmpPerInstance() {
        create("py-peek", "python3.12", "app.handler", Map.of("app.py", """
                import os
                def handler(event, context):
                    path = "/tmp/marker"
                    seen = os.path.exists(path)
                    open(path, "w").write("x")
                    try:
                        open(event["secret"]).read()
                        leaked = True
                    except OSError:
                        leaked = False
                    try:
                        open("/var/task/new", "w")
                        writable = True
                    except OSError:
                        writable = False
                    return {"seen": seen, "leaked": leaked, "taskWritable": writable}
                """), 3);
        String secret = dataDir.resolve("credentials").toString();
        String payload = "{\"secret\":\"" + secret + "\"}";
        assertThat(invoke("py-peek", payload).payload().asUtf8String())
                .isEqualTo("{\"seen\": false, \"leaked\": false, \"taskWritable\": false}");
        assertThat(invoke("py-peek", payload).payload().asUtf8String()).contains("\"seen\": true");
    }

    @Test
    void anInstanceCannotTakeOrAnswerAnotherInstancesInvocations() {
        create("py-victim", "python3.12", "app.handler", Map.of("app.py", """
                import os
                def handler(event, context):
                    return {"api": os.environ["AWS_LAMBDA_RUNTIME_API"], "id": context.aws_request_id}
                """), 3);
        create("py-thief", "python3.12", "app.handler", Map.of("app.py", """
                import http.client
                def attempt(api, method, path):
                    host, port = api.split(":")
                    try:
                        c = http.client.HTTPConnection(host, int(port), timeout=2)
                        c.request(method, path, body=b'"forged"' if method == "POST" else None)
                        r = c.getresponse()
                        return "%d %s" % (r.status, r.read().decode())
                    except Exception as e:
                        return type(e).__name__
                def handler(event, context):
                    api = event["api"]
                    return [attempt(api, "GET", "/2018-06-01/runtime/invocation/next"),
                            attempt(api, "POST", "/2018-06-01/runtime/invocation/" + event["id"] + "/response")]
                """), 10);
        String victim = invoke("py-victim", "{}").payload().asUtf8String();

        String outcome = invoke("py-thief", victim).payload().asUtf8String();

        // the thief's network namespace has no route to the victim's endpoint: the host drops its connections (in
        // the host's network, network: host, the victim's endpoint closes them before reading a request)
        assertThat(outcome).isEqualTo("[\"TimeoutError\", \"TimeoutError\"]");
        assertThat(invoke("py-victim", "{}").payload().asUtf8String()).contains("\"api\": ");
    }

    @Test
    void twentyParallelOneSecondInvokesRunOnTwentyInstances() throws Exception {
        create("py-sleep", "python3.12", "app.handler", Map.of("app.py",
                "import time\ndef handler(event, context):\n    time.sleep(1)\n    return context.log_stream_name\n"), 5);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        long start = System.nanoTime();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(20)) {
            for (int i = 0; i < 20; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> invoke("py-sleep", "{}").payload().asUtf8String(), threads));
            }
        }
        List<String> streams = calls.stream().map(CompletableFuture::join).toList();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[measure] 20 parallel 1-second invokes took %.2f s%n", seconds);
        assertThat(streams).doesNotHaveDuplicates().hasSize(20);
        assertThat(Files.list(TestServer.logGroupDir(dataDir, "py-sleep")).count()).isEqualTo(20);
    }

    @Test
    void exceedingMemorySizeIsRuntimeOutOfMemory() {
        create("py-hungry", "python3.12", "app.handler", Map.of("app.py", """
                def handler(event, context):
                    hog = bytearray(400 * 1024 * 1024)
                    return len(hog)
                """), 5);
        InvokeResponse response = invoke("py-hungry", "{}");
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("Runtime.OutOfMemory");
    }

    @Test
    void javaFunctionRunsOnTheOfficialRuntimeInterfaceClient() throws Exception {
        byte[] zip = TestZips.javaClasses(dataDir, Map.of("example/Hello.java", """
                package example;
                import com.amazonaws.services.lambda.runtime.Context;
                import com.amazonaws.services.lambda.runtime.RequestHandler;
                import java.util.Map;
                public class Hello implements RequestHandler<Map<String, Object>, String> {
                    public String handleRequest(Map<String, Object> event, Context context) {
                        return "hello " + event.get("name") + " from " + context.getFunctionName();
                    }
                }
                """));
        lambda.createFunction(b -> b.functionName("java-hello").runtime(Runtime.JAVA21).role(FunctionLifecycleIT.ROLE)
                .handler("example.Hello::handleRequest").memorySize(512).timeout(20)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        InvokeResponse response = invoke("java-hello", "{\"name\":\"Gust\"}");
        assertThat(response.functionError()).as(log(response)).isNull();
        assertThat(response.payload().asUtf8String()).isEqualTo("\"hello Gust from java-hello\"");
        assertThat(log(response)).contains("Init Duration");
    }

    @Test
    void unknownFunctionsAndQualifiersAreNotFound() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(
                software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class,
                () -> invoke("missing-fn", "{}")).awsErrorDetails().errorMessage())
                .isEqualTo("Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing-fn:$LATEST");
    }

    @Test
    void dryRunChecksWithoutRunning() {
        create("py-dry", "python3.12", "app.handler", Map.of("app.py", "def handler(e, c):\n    return 1\n"), 3);
        InvokeResponse response = lambda.invoke(b -> b.functionName("py-dry").invocationType("DryRun"));
        assertThat(response.statusCode()).isEqualTo(204);
    }
}
