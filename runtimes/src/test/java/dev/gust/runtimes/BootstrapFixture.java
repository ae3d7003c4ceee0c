package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimeapi.RuntimeApiEndpoints;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of one of Gust's bootstraps share: the extracted bootstraps, Runtime API endpoints on one
 * Vert.x, a task root per test, and the instances started in it (stopped after each test).
 */
abstract class BootstrapFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    private static Vertx vertx;
    private static RuntimeApiEndpoints endpoints;
    private static Bootstraps bootstraps;

    @TempDir
    Path taskRoot;
    private final List<FunctionInstance> instances = new ArrayList<>();
    private final Bootstraps.Family family;
    private final List<String> interpreter;

    /** @param interpreter the host interpreter that runs the bootstrap, and its options, as the engine runs it */
    BootstrapFixture(Bootstraps.Family family, String... interpreter) {
        this.family = family;
        this.interpreter = List.of(interpreter);
    }

    /** The command that runs the bootstrap. */
    private List<String> command() {
        List<String> command = new ArrayList<>(interpreter);
        command.add(bootstrap().toString());
        return command;
    }

    @BeforeAll
    static void extractBootstraps(@TempDir Path runtimes) {
        vertx = Vertx.vertx();
        endpoints = new RuntimeApiEndpoints(vertx);
        bootstraps = Bootstraps.extractTo(runtimes);
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopInstances() throws Exception {
        for (FunctionInstance instance : instances) {
            instance.close();
        }
    }

    /** The extracted bootstrap script. */
    Path bootstrap() {
        return bootstraps.path(family);
    }

    /** Starts an instance of the code in the task root, with this handler. */
    FunctionInstance start(String handler) throws Exception {
        return start(handler, Map.of());
    }

    /** Starts an instance of the code in the task root, with this handler and these variables besides Lambda's. */
    FunctionInstance start(String handler, Map<String, String> environment) throws Exception {
        FunctionInstance instance = FunctionInstance.start(endpoints, command(),
                taskRoot, handler, environment);
        instances.add(instance);
        return instance;
    }

    /** An invocation {@code req-ctx} of {@code {}} with a minute left, trace {@code Root=1-abc} and these headers. */
    static Invocation contextInvocation(String clientContext, String cognitoIdentity) {
        return new Invocation("req-ctx", "{}".getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + 60_000, FunctionInstance.FUNCTION_ARN + ":$LATEST", "Root=1-abc",
                clientContext, cognitoIdentity);
    }

    /** Writes a handler that answers the event it got, and returns its name for {@code _HANDLER}. */
    abstract String writeEchoHandler() throws IOException;

    @Test
    void carriesAFiveMegabyteEventAndResponseWhole() throws Exception {
        String handler = writeEchoHandler();
        FunctionInstance instance = start(handler);
        String event = "{\"data\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        assertThat(JSON.readTree(instance.invokeSuccessfully(event).payload())).isEqualTo(JSON.readTree(event));
    }

    @Test
    void answersOnANewConnectionWhenTheRuntimeApiClosedTheOldOne() throws Exception {
        String handler = writeEchoHandler();
        try (ConnectionCloseRuntimeApi api = new ConnectionCloseRuntimeApi()) {
            ProcessBuilder builder = new ProcessBuilder(command())
                    .directory(taskRoot.toFile()).redirectErrorStream(true)
                    .redirectOutput(taskRoot.resolve("output.log").toFile());
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8",
                    "AWS_LAMBDA_RUNTIME_API", api.address(), "_HANDLER", handler,
                    "LAMBDA_TASK_ROOT", taskRoot.toString(), "AWS_LAMBDA_FUNCTION_NAME", "hello",
                    "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
            Process process = builder.start();
            try {
                ConnectionCloseRuntimeApi.SecondConnection second = api.second();
                assertThat(second.answer()).startsWith("POST /2018-06-01/runtime/invocation/closing-1/response ");
                assertThat(second.nextRequest()).startsWith("GET /2018-06-01/runtime/invocation/next ");
            } finally {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void measuresColdStartAndWarmRoundTrip() throws Exception {
        String handler = writeEchoHandler();
        List<Long> coldStarts = new ArrayList<>();
        FunctionInstance warm = null;
        for (int i = 0; i < 10; i++) {
            FunctionInstance instance = start(handler);
            coldStarts.add(instance.awaitReady().nanos() - instance.spawnedNanos());
            warm = instance;
        }
        List<Long> roundTrips = new ArrayList<>();
        for (int i = 0; i < 2200; i++) {
            long started = System.nanoTime();
            warm.invokeSuccessfully("{\"n\":1}");
            if (i >= 200) {
                roundTrips.add(System.nanoTime() - started);
            }
        }
        String runtime = family.name().toLowerCase();
        System.out.println("[measure] " + runtime + " " + interpreterVersion() + " cold start (spawn -> first /next): "
                + FunctionInstance.summarize(coldStarts));
        System.out.println("[measure] " + runtime + " warm round trip (offer -> response): "
                + FunctionInstance.summarize(roundTrips));
    }

    /** Writes a file of the function's code. */
    void write(String relativePath, String content) throws IOException {
        Path file = taskRoot.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** What the interpreter says of its version, for measurements. */
    String interpreterVersion() throws IOException {
        Process version = new ProcessBuilder(interpreter.getFirst(), "--version").redirectErrorStream(true).start();
        return new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
