package dev.gust.runtimes.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.gust.runtimeapi.RuntimeApiEndpoints;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the official runtime interface client, unmodified, as {@link JavaRuntime} starts it, against a real Runtime
 * API endpoint, with functions compiled at test time and laid out as Lambda lays out Java packages. The JVM runs
 * directly on the host: the roots are real folders instead of {@code /var/task} and {@code /var/runtime}.
 */
class JavaRuntimeIT {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** An API Gateway REST (v1) proxy event, as {@code sam local generate-event apigateway aws-proxy} prints it. */
    private static final String API_GATEWAY_EVENT =
            "aws-sam-cli/generated_sample_events-rendered/apigateway/aws-proxy.json";

    @TempDir
    static Path shared;
    private static Path classes;
    private static Path runtimeDir;
    private static InstalledRic ric;
    private static Vertx vertx;
    private static RuntimeApiEndpoints endpoints;

    @TempDir
    Path work;

    @BeforeAll
    static void buildFunctionsAndInstallTheClient() {
        classes = TestFunctions.compile(shared.resolve("build"));
        runtimeDir = shared.resolve("runtime");
        ric = RicDistribution.onClasspath().install(runtimeDir);
        vertx = Vertx.vertx();
        endpoints = new RuntimeApiEndpoints(vertx);
    }

    @AfterAll
    static void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void answersWithWhatTheContextToldTheHandler() throws Exception {
        try (Instance instance = start(TestFunctions.CONTEXT_HANDLER, LambdaPackages::classesWithLib, Map.of())) {
            InvocationOutcome outcome = instance.endpoint().invoke("{\"order\":42}", TIMEOUT);

            assertThat(outcome.isError()).as(instance.log()).isFalse();
            assertThat(outcome.body())
                    .contains("\"input\":{\"order\":42}")
                    .contains("\"requestId\":\"" + outcome.requestId() + "\"")
                    .contains("\"functionName\":\"java-test\"")
                    .contains("\"functionVersion\":\"$LATEST\"")
                    .contains("\"memoryLimitInMB\":512")
                    .contains("\"logGroupName\":\"/aws/lambda/java-test\"")
                    .contains("\"invokedFunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:java-test\"")
                    .contains("\"userDir\":\"" + instance.taskRoot() + "\"")
                    .containsPattern("\"remainingTimeInMillis\":\\d{3,5}[,}]");
            assertThat(instance.log()).contains("handling " + outcome.requestId());
        }
    }

    @Test
    void servesWarmInvocationsFromOneJvm() throws Exception {
        try (Instance instance = start(TestFunctions.CONTEXT_HANDLER, LambdaPackages::classesWithLib, Map.of())) {
            for (int invocation = 1; invocation <= 3; invocation++) {
                InvocationOutcome outcome = instance.endpoint().invoke("{\"n\":" + invocation + "}", TIMEOUT);

                assertThat(outcome.body()).as(instance.log()).contains("\"invocation\":" + invocation);
            }
            assertThat(instance.process().isAlive()).isTrue();
        }
    }

    @Test
    void reportsAnExceptionWithTheClientsErrorPayloadAndKeepsServing() throws Exception {
        try (Instance instance = start(TestFunctions.CONTEXT_HANDLER, LambdaPackages::classesWithLib, Map.of())) {
            InvocationOutcome failed = instance.endpoint().invoke("{\"fail\":\"out of stock\"}", TIMEOUT);

            assertThat(failed.isError()).isTrue();
            assertThat(failed.errorType()).isEqualTo("Runtime.UserException");
            assertThat(failed.body()).startsWith("{\"errorMessage\":\"asked to fail: out of stock\","
                            + "\"errorType\":\"java.lang.IllegalStateException\",\"stackTrace\":[")
                    .contains("\"example.ContextHandler.handleRequest(ContextHandler.java:");
            assertThat(instance.endpoint().invoke("{}", TIMEOUT).isError()).isFalse();
        }
    }

    @Test
    void mapsAnApiGatewayProxyEventFromTheCorpusToEventTypes() throws Exception {
        String event = corpus(API_GATEWAY_EVENT);
        try (Instance instance = start(TestFunctions.API_GATEWAY_HANDLER, LambdaPackages::classesWithLib, Map.of())) {
            InvocationOutcome outcome = instance.endpoint().invoke(event, TIMEOUT);

            assertThat(outcome.isError()).as(outcome.body() + instance.log()).isFalse();
            assertThat(outcome.body()).isEqualTo("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/plain\"},"
                    + "\"body\":\"POST /path/to/resource foo=bar stage=prod body={\\\"test\\\":\\\"body\\\"}\"}");
        }
    }

    @Test
    void passesBytesThroughAStreamHandler() throws Exception {
        try (Instance instance = start(TestFunctions.STREAM_HANDLER, LambdaPackages::classesWithLib, Map.of())) {
            InvocationOutcome outcome = instance.endpoint().invoke("\"quiet please\"", TIMEOUT);

            assertThat(outcome.body()).as(instance.log()).isEqualTo("\"QUIET PLEASE\"");
        }
    }

    @Test
    void answersEveryInvocationOfAMissingClassWithClassNotFoundAndStaysUp() throws Exception {
        try (Instance instance = start("example.Missing::handleRequest", LambdaPackages::classesWithLib, Map.of())) {
            for (int attempt = 0; attempt < 2; attempt++) {
                InvocationOutcome outcome = instance.endpoint().invoke("{}", TIMEOUT);

                assertThat(outcome.isError()).isTrue();
                assertThat(outcome.errorType()).isEqualTo("Runtime.BadFunctionCode");
                assertThat(outcome.body()).isEqualTo(
                        "{\"errorMessage\":\"Class not found: example.Missing\","
                                + "\"errorType\":\"java.lang.ClassNotFoundException\"}");
            }
            assertThat(instance.process().isAlive()).isTrue();
        }
    }

    @Test
    void reportsAFailingClassInitialiserAsAnInitErrorAndExits() throws Exception {
        try (Instance instance = start(TestFunctions.BROKEN_INIT_HANDLER, LambdaPackages::classesWithLib,
                Map.of())) {
            InvocationOutcome initError = instance.endpoint().awaitInitError(TIMEOUT);

            assertThat(initError.errorType()).isEqualTo("Runtime.BadFunctionCode");
            assertThat(initError.body()).isEqualTo(
                    "{\"errorMessage\":\"Error loading class example.BrokenInitHandler\","
                            + "\"errorType\":\"java.lang.ExceptionInInitializerError\"}");
            assertThat(instance.process().awaitExit(30)).isEqualTo(1);
        }
    }

    @Test
    void runsAFunctionPackagedAsOneShadedJar() throws Exception {
        try (Instance instance = start(TestFunctions.API_GATEWAY_HANDLER, LambdaPackages::singleJar, Map.of())) {
            assertThat(instance.taskRoot().resolve("lib")).doesNotExist();
            assertThat(instance.taskRoot().resolve("com/amazonaws/services/lambda/runtime/events")).isDirectory();

            InvocationOutcome outcome = instance.endpoint().invoke(corpus(API_GATEWAY_EVENT), TIMEOUT);

            assertThat(outcome.body()).as(instance.log()).contains("\"statusCode\":201");
        }
    }

    @Test
    void runsAFunctionWhoseClassesAreAJarInLib() throws Exception {
        try (Instance instance = start(TestFunctions.CONTEXT_HANDLER, LambdaPackages::classesJarInLib, Map.of())) {
            assertThat(instance.taskRoot().resolve("example")).doesNotExist();

            assertThat(instance.endpoint().invoke("{}", TIMEOUT).body()).as(instance.log())
                    .contains("\"invocation\":1");
        }
    }

    @Test
    void appliesTheFunctionsJavaToolOptionsInsteadOfTheDefaultsTheyOverride() throws Exception {
        Map<String, String> variables = Map.of("JAVA_TOOL_OPTIONS", "-Dgust.greeting=hello -XX:+UseParallelGC");
        try (Instance instance = start(TestFunctions.CONTEXT_HANDLER, LambdaPackages::classesWithLib, variables)) {
            InvocationOutcome outcome = instance.endpoint().invoke("{}", TIMEOUT);

            assertThat(outcome.body()).as(instance.log()).contains("\"greeting\":\"hello\"");
            assertThat(instance.log()).contains("Picked up JAVA_TOOL_OPTIONS: -Dgust.greeting=hello");
        }
    }

    @Test
    void printsColdStartAndWarmRoundTrip() throws Exception {
        try (Instance instance = start(TestFunctions.CONTEXT_HANDLER, LambdaPackages::classesWithLib, Map.of())) {
            long firstNext = instance.endpoint().awaitReady(TIMEOUT);
            long coldStart = firstNext - instance.process().startedNanos();
            long firstStarted = System.nanoTime();
            instance.endpoint().invoke("{}", TIMEOUT);
            long firstInvocation = System.nanoTime() - firstStarted;

            long[] roundTrips = new long[500];
            for (int i = 0; i < roundTrips.length; i++) {
                long started = System.nanoTime();
                instance.endpoint().invoke("{\"i\":" + i + "}", TIMEOUT);
                roundTrips[i] = System.nanoTime() - started;
            }
            Arrays.sort(roundTrips);
            System.out.printf("java21 RIC on %s: cold start (spawn to first /next) %.1f ms, first invocation %.1f ms, "
                            + "warm round trip over %d invocations: median %.3f ms, p99 %.3f ms%n",
                    Runtime.version(), coldStart / 1e6, firstInvocation / 1e6, roundTrips.length,
                    roundTrips[roundTrips.length / 2] / 1e6, roundTrips[roundTrips.length * 99 / 100] / 1e6);
        }
    }

    private Instance start(String handler, PackageLayout layout, Map<String, String> functionVariables)
            throws Exception {
        Path taskRoot = Files.createDirectories(work.resolve("task"));
        layout.apply(classes, TestFunctions.libraries(), taskRoot);
        InstanceEndpoint endpoint = InstanceEndpoint.open(endpoints);
        JavaRuntime runtime = new JavaRuntime(JavaRuntimeId.JAVA21, JAVA_HOME, ric,
                new RuntimeRoots(taskRoot, runtimeDir));
        RicCommand command = runtime.command(handler, 512, functionVariables);
        Map<String, String> variables = new HashMap<>(functionVariables);
        variables.putAll(lambdaVariables(handler, endpoint.address()));
        RicProcess process = RicProcess.start(command, variables, work.resolve("instance.log"));
        return new Instance(taskRoot, endpoint, process);
    }

    /** The reserved variables Lambda sets for a 512 MB function named {@code java-test}. */
    private static Map<String, String> lambdaVariables(String handler, String runtimeApi) {
        return Map.ofEntries(
                Map.entry("AWS_LAMBDA_RUNTIME_API", runtimeApi),
                Map.entry("_HANDLER", handler),
                Map.entry("AWS_LAMBDA_FUNCTION_NAME", "java-test"),
                Map.entry("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                Map.entry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"),
                Map.entry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/java-test"),
                Map.entry("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/23/[$LATEST]0123456789abcdef0123456789abcdef"),
                Map.entry("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("TZ", ":UTC"),
                Map.entry("LANG", "en_US.UTF-8"));
    }

    /**
     * A file of the reference corpus, copied with its licence into this module's test resources
     * ({@code src/test/resources/corpus/}, README there). Its absence fails the test: the event shapes are the point.
     */
    private static String corpus(String relativePath) throws IOException {
        try (InputStream in = JavaRuntimeIT.class.getResourceAsStream("/corpus/" + relativePath)) {
            if (in == null) {
                fail("The reference corpus file " + relativePath + " is missing from the test resources "
                        + "(runtime-java/src/test/resources/corpus/)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    private interface PackageLayout {
        void apply(Path classes, List<Path> libraries, Path taskRoot);
    }

    private record Instance(Path taskRoot, InstanceEndpoint endpoint, RicProcess process) implements AutoCloseable {

        String log() {
            return process.log();
        }

        @Override
        public void close() throws Exception {
            try (endpoint) {
                process.close();
            }
        }
    }
}
