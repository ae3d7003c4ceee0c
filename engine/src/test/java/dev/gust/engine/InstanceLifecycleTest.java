package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.credentials.RoleSessions;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.runtimeapi.RuntimeApiEndpoints;
import dev.gust.sandbox.InstanceNetworks;
import dev.gust.sandbox.SandboxUsers;
import dev.gust.store.EmbeddedStorage;
import dev.gust.store.FunctionRecord;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How instances start and stop: an init that never ends is bounded as on Lambda (the init phase times out, init is
 * retried within the invocation and bounded by the function's timeout, and the invocation then fails with
 * {@code Sandbox.Timedout}; nothing is left running and the concurrency unit is free), and stopping an instance never
 * blocks an event loop. A real engine with a fake sandbox whose runtimes can hang at init or answer slowly, and a
 * short init phase so that the test is quick.
 */
class InstanceLifecycleTest {

    private static final Duration INIT_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path dataDir;

    private final FakeSandbox sandbox = new FakeSandbox();
    private Vertx vertx;
    private EmbeddedStorage storage;
    private Engine engine;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        storage = EmbeddedStorage.open(Files.createDirectories(dataDir.resolve("data")), Account.defaults());
        CodePackage code = storage.code().store(TestPackages.executable("bootstrap", "#!/bin/sh\n"));
        FunctionConfiguration function = FunctionConfiguration.builder().functionName("fn").runtime("provided.al2023")
                .role("arn:aws:iam::000000000000:role/lambda-role").handler("h").revisionId("r1").code(code)
                .logGroup("/aws/lambda/fn").timeout(1).build();
        storage.functions().create(new FunctionRecord(function, Map.of()));
        RoleSessions sessions = (role, name, duration) -> new RoleSessions.SessionCredentials("ASIAFAKE", "secret",
                "token", Instant.now().plus(duration));
        engine = new Engine(storage.functions(), storage.versions(), storage.code(), sandbox,
                new RuntimeApiEndpoints(vertx), RuntimeCatalog.detect("/nonexistent/python3", "/nonexistent/node",
                        dataDir.resolve("no-jdk")),
                new Engine.Settings(dataDir.resolve("runtime"), dataDir.resolve("logs"), 1, Duration.ofHours(1),
                        SandboxUsers.defaultRange(), Duration.ofHours(2), INIT_TIMEOUT,
                        Engine.Settings.DEFAULT_LOG_QUOTA_BYTES, null, InstanceNetworks.host()),
                new Clocks(Clock.systemUTC(), System::nanoTime), sessions, () -> "http://127.0.0.1:9070");
    }

    @AfterEach
    void stop() {
        engine.close();
        storage.close();
        vertx.close().await();
    }

    @Test
    void anInitThatNeverEndsTimesOutTwiceThenTheInvocationFailsAndFreesItsUnitAndProcesses() throws Exception {
        sandbox.hangAtInit(true);
        InvocationResult result = invoke();

        assertThat(result.functionError()).isEqualTo("Unhandled");
        assertThat(new String(result.payload(), StandardCharsets.UTF_8))
                .startsWith("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: ")
                .endsWith(" Error: Task timed out after 1.00 seconds\"}");
        assertThat(result.logTail()).as("the tail shows the retried init's report")
                .containsPattern("INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: invoke\tStatus: timeout\n")
                .contains("Task timed out after 1.00 seconds");
        assertThat(sandbox.launched()).hasSize(2);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // stopping runs on another thread
        while (!sandbox.launched().stream().allMatch(FakeSandbox.FakeProcess::killed)) {
            assertThat(System.nanoTime()).as("both processes killed in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(logs()).containsPattern("INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: init\tStatus: timeout");

        sandbox.hangAtInit(false); // the code is fixed: with a limit of 1, this needs the unit back
        InvocationResult next = invoke();
        assertThat(next.functionError()).isNull();
        assertThat(new String(next.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void anInstanceDrainedWhileBusyIsStoppedOffTheEventLoopThatEndsItsInvocation() throws Exception {
        sandbox.answerDelay(Duration.ofMillis(500));
        CompletableFuture<InvocationResult> busy = engine.invoke(request()).toCompletableFuture();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sandbox.launched().isEmpty()) {
            assertThat(System.nanoTime()).as("an instance started in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        Thread.sleep(200); // the fake runtime is fast to start: the invocation is in flight now

        engine.in(Account.defaults()).changed("fn"); // a busy instance stops when its invocation ends
        assertThat(busy.get(10, TimeUnit.SECONDS).functionError()).isNull();
        FakeSandbox.FakeProcess process = sandbox.launched().getFirst();
        while (!process.killed()) {
            assertThat(System.nanoTime()).as("the drained instance stopped in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(sandbox.stoppedOnEventLoop()).as("killing and closing block: never on an event loop").isFalse();
    }

    @Test
    void closingTheEngineReturnsOnlyOnceItsInstancesAreStopped() throws Exception {
        assertThat(invoke().functionError()).isNull();
        sandbox.closeDelay(Duration.ofMillis(300)); // a tree's exit and its cgroup's removal take time

        engine.close();

        assertThat(sandbox.launched()).isNotEmpty().allMatch(FakeSandbox.FakeProcess::killed);
    }

    private InvocationRequest request() {
        return new InvocationRequest(UUID.randomUUID().toString(), Account.defaults(), "fn", Optional.empty(),
                "{}".getBytes(StandardCharsets.UTF_8), true, null, null);
    }

    private InvocationResult invoke() throws Exception {
        return engine.invoke(request()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** Every log stream of the function, concatenated. */
    private String logs() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(dataDir.resolve("logs/000000000000/us-east-1/fn"))) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }
}
