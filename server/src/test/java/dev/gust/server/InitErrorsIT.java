package dev.gust.server;

import static dev.gust.server.TestFunctions.json;
import static dev.gust.server.TestFunctions.log;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Init failures where users look, and inits that never end, bounded as on Lambda: each ends the invocation with
 * Lambda's error, its {@code --log-type Tail} shows what the runtime wrote during init and an {@code INIT_REPORT}
 * line, and nothing is left running; the next invocation after the code is fixed works.
 */
class InitErrorsIT {

    /** Lambda's init phase (10 s), the retried init within the function's timeout, and a margin for a busy host. */
    private static final Duration HUNG_INIT_BOUND = Duration.ofSeconds(10 + 2 + 15);

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

    @Test
    void aPythonModuleThatSleepsForeverAtImportTimesOutAndTheFixedCodeRuns() throws Exception {
        functions.create("sleeps-at-import", "python3.12", "lambda_function.lambda_handler", Map.of("lambda_function.py",
                "import time\nprint('importing', flush=True)\ntime.sleep(100000)\n"
                        + "def lambda_handler(event, context):\n    return 1\n"), b -> b.timeout(2));
        assertHungInitTimesOut("sleeps-at-import", "importing");

        server.lambda().updateFunctionCode(b -> b.functionName("sleeps-at-import").zipFile(SdkBytes.fromByteArray(
                TestZips.pythonHandler("{'fixed': True}"))));
        functions.awaitUpdated("sleeps-at-import");
        assertThat(functions.invokeForJson("sleeps-at-import", "{}").get("fixed").asBoolean()).isTrue();
        deleteAndAwaitNothingRunning("sleeps-at-import");
    }

    @Test
    void aCustomRuntimeThatNeverAsksForWorkTimesOutAndTheFixedCodeRuns() throws Exception {
        functions.create("never-next", "provided.al2023", "h",
                TestZips.executable("bootstrap", "#!/bin/sh\necho starting\nexec sleep 100000\n"), b -> b.timeout(2));
        assertHungInitTimesOut("never-next", "starting");

        server.lambda().updateFunctionCode(b -> b.functionName("never-next").zipFile(SdkBytes.fromByteArray(
                TestZips.executable("bootstrap", """
                        #!/bin/sh
                        api="http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation"
                        while true; do
                          id=$(curl -sSi "$api/next" | tr -d '\\r' | sed -n 's/^[Ll]ambda-[Rr]untime-[Aa]ws-[Rr]equest-[Ii]d: //p')
                          curl -sS -X POST -d '"fixed"' "$api/$id/response" >/dev/null
                        done
                        """))));
        functions.awaitUpdated("never-next");
        InvokeResponse fixed = functions.invoke("never-next", "{}");
        assertThat(fixed.functionError()).as("log:%n%s", log(fixed)).isNull();
        assertThat(fixed.payload().asUtf8String()).isEqualTo("\"fixed\"");
        deleteAndAwaitNothingRunning("never-next");
    }

    /** Invokes a function whose init never ends; {@code initOutput} is what its runtime prints first. */
    private static void assertHungInitTimesOut(String name, String initOutput) throws Exception {
        long started = System.nanoTime();
        InvokeResponse response = functions.invoke(name, "{}");
        long tookNanos = System.nanoTime() - started;

        JsonNode error = json(response);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText()).matches("RequestId: [0-9a-f-]{36} Error: Task timed out after 2.00 seconds");
        assertThat(Duration.ofNanos(tookNanos)).as("bounded by the init phase and the function's timeout")
                .isLessThan(HUNG_INIT_BOUND);
        String tail = log(response);
        assertThat(tail).containsPattern("INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: invoke\tStatus: timeout\n")
                .contains(initOutput)
                .containsPattern("START RequestId: [0-9a-f-]{36} Version: \\$LATEST\n")
                .contains("Task timed out after 2.00 seconds")
                .containsPattern("REPORT RequestId: ");
        awaitNothingRunning();
    }

    @Test
    void aPythonImportErrorShowsInTheTailWithItsInitReport() throws Exception {
        functions.create("import-error", "python3.12", "lambda_function.lambda_handler",
                Map.of("lambda_function.py", "print('before the import', flush=True)\nimport no_such_module\n"));
        InvokeResponse response = functions.invoke("import-error", "{}");

        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(json(response).get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
        String tail = log(response);
        assertThat(tail).contains("before the import")
                .contains("Unable to import module 'lambda_function': No module named 'no_such_module'")
                .containsPattern("INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: init\tStatus: error\t"
                        + "Error Type: Runtime.ImportModuleError\n")
                .containsPattern("START RequestId: [0-9a-f-]{36} Version: \\$LATEST\n")
                .containsPattern("END RequestId: [0-9a-f-]{36}\n");
        assertThat(tail.indexOf("INIT_REPORT")).isLessThan(tail.indexOf("START RequestId"));
        awaitNothingRunning();
    }

    @Test
    void aNodeCrashAtInitShowsInTheTailWithItsExitStatus() throws Exception {
        functions.create("node-crash", "nodejs20.x", "index.handler", Map.of("index.js",
                "console.log('about to crash');\nprocess.exit(3);\nexports.handler = async () => 1;\n"));
        InvokeResponse response = functions.invoke("node-crash", "{}");

        JsonNode error = json(response);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.ExitError");
        assertThat(error.get("errorMessage").asText())
                .matches("RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3");
        String tail = log(response);
        assertThat(tail).contains("about to crash")
                .containsPattern("INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: init\tStatus: error\t"
                        + "Error Type: Runtime.ExitError\n")
                .containsPattern("RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3\n"
                        + "Runtime.ExitError\n")
                .containsPattern("END RequestId: [0-9a-f-]{36}\n");
        awaitNothingRunning();
    }

    @Test
    void aCustomRuntimeWithoutABootstrapIsAnInvalidEntrypoint() {
        functions.create("no-bootstrap", "provided.al2023", "h", Map.of("README", "no bootstrap here"));
        InvokeResponse response = functions.invoke("no-bootstrap", "{}");

        JsonNode error = json(response);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
        assertThat(error.get("errorMessage").asText()).matches("RequestId: [0-9a-f-]{36} Error: "
                + "Couldn't find valid bootstrap\\(s\\): \\[/var/task/bootstrap /opt/bootstrap\\]");
        assertThat(log(response)).contains("Status: error\tError Type: Runtime.InvalidEntrypoint\n")
                .contains("Runtime.InvalidEntrypoint\n");
    }

    @Test
    void aCustomRuntimeWhoseBootstrapIsNotExecutableIsAnInvalidEntrypoint() {
        functions.create("bootstrap-not-executable", "provided.al2023", "h", Map.of("bootstrap", "#!/bin/sh\n"));
        InvokeResponse response = functions.invoke("bootstrap-not-executable", "{}");

        JsonNode error = json(response);
        assertThat(error.get("errorType").asText()).isEqualTo("Runtime.InvalidEntrypoint");
        assertThat(error.get("errorMessage").asText())
                .matches("RequestId: [0-9a-f-]{36} Error: fork/exec /var/task/bootstrap: permission denied");
    }

    /** Deletes a function whose fixed code left a warm instance, so that the next test starts from nothing. */
    private static void deleteAndAwaitNothingRunning(String name) throws Exception {
        server.lambda().deleteFunction(b -> b.functionName(name));
        awaitNothingRunning();
    }

    /** No instance and no process of a function remain: the server has no child left but its own helpers. */
    private static void awaitNothingRunning() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.gust().instances() != 0 || server.gust().processes() != 0) {
            assertThat(System.nanoTime()).as("no instance (%s) and no sandboxed process (%s) left",
                    server.gust().instances(), server.gust().processes()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

}
