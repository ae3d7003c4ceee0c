package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credentials and endpoint every instance gets, and the maximum lifetime that keeps an instance from outliving
 * them: a real engine with a fake sandbox (runtimes on virtual threads), a fake STS, and a ticker the test drives.
 */
class InstanceCredentialsTest {

    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private static final String ENDPOINT = "http://127.0.0.1:9070";
    private static final Duration LIFETIME = Duration.ofHours(2);

    @TempDir
    Path dataDir;

    private final AtomicLong ticker = new AtomicLong();
    private final RecordingSessions sessions = new RecordingSessions();
    private final FakeSandbox sandbox = new FakeSandbox();
    private Vertx vertx;
    private EmbeddedStorage storage;
    private Engine engine;
    private FunctionConfiguration latest;

    /** A fake STS: numbers its sessions and remembers what it was asked. */
    private static final class RecordingSessions implements RoleSessions {
        record Opened(String roleArn, String sessionName, Duration duration) {
        }

        final List<Opened> opened = new CopyOnWriteArrayList<>();

        @Override
        public SessionCredentials open(String roleArn, String sessionName, Duration duration) {
            opened.add(new Opened(roleArn, sessionName, duration));
            int n = opened.size();
            return new SessionCredentials("ASIAFAKE" + n, "secret-" + n, "token-" + n, Instant.now().plus(duration));
        }
    }

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        storage = EmbeddedStorage.open(java.nio.file.Files.createDirectories(dataDir.resolve("data")),
                Account.defaults());
        CodePackage code = storage.code().store(zip("bootstrap", "#!/bin/sh\n"));
        latest = FunctionConfiguration.builder().functionName("fn").runtime("provided.al2023").role(ROLE)
                .handler("h").revisionId("r1").code(code).logGroup("/aws/lambda/fn")
                .environment(Map.of("OWN", "mine", "AWS_ACCESS_KEY_ID", "AKIAOWNKEY", "AWS_SESSION_TOKEN", "own"))
                .build();
        storage.functions().create(new FunctionRecord(latest, Map.of()));
        Clocks clocks = new Clocks(Clock.systemUTC(), ticker::get);
        engine = new Engine(storage.functions(), storage.versions(), storage.code(), sandbox,
                new RuntimeApiEndpoints(vertx), RuntimeCatalog.detect("/nonexistent/python3", "/nonexistent/node",
                        dataDir.resolve("no-jdk")),
                new Engine.Settings(dataDir.resolve("runtime"), dataDir.resolve("logs"), 10, Duration.ofHours(12),
                        SandboxUsers.defaultRange(), LIFETIME, InstanceNetworks.host()), clocks, sessions, () -> ENDPOINT);
    }

    @AfterEach
    void stop() {
        engine.close();
        storage.close();
        vertx.close().await();
    }

    @Test
    void anInstanceGetsASessionOfItsRoleValidForItsLifetimeAndTheLongestInvocation() throws Exception {
        invoke();

        assertThat(sessions.opened).containsExactly(new RecordingSessions.Opened(ROLE, "fn",
                LIFETIME.plus(Duration.ofMinutes(15)).plus(InstanceCredentials.MARGIN)));
        Map<String, String> env = environment(0);
        assertThat(env).containsEntry("AWS_ACCESS_KEY_ID", "ASIAFAKE1")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "secret-1")
                .containsEntry("AWS_SESSION_TOKEN", "token-1")
                .containsEntry("AWS_ENDPOINT_URL", ENDPOINT);
    }

    @Test
    void theSameNameInAnotherNamespaceIsAnotherFunctionWithItsOwnRegionArnAndLogGroup() throws Exception {
        Account ireland = new Account("000000000000", "eu-west-1");
        storage.functions().in(ireland).create(new FunctionRecord(latest.toBuilder()
                .environment(Map.of("OWN", "irish")).build(), Map.of()));

        invoke();
        invoke(ireland, Optional.empty());
        invoke(ireland, Optional.empty());

        assertThat(sandbox.launched()).as("one warm instance per namespace").hasSize(2);
        assertThat(environment(0)).containsEntry("OWN", "mine").containsEntry("AWS_REGION", "us-east-1");
        assertThat(environment(1)).containsEntry("OWN", "irish").containsEntry("AWS_REGION", "eu-west-1")
                .containsEntry("AWS_DEFAULT_REGION", "eu-west-1");
        assertThat(dataDir.resolve("logs/000000000000/eu-west-1/fn")).isDirectory();
        assertThatThrownBy(() -> invoke(new Account("111122223333", "us-east-1"), Optional.empty()))
                .hasRootCauseInstanceOf(dev.gust.core.LambdaException.class)
                .hasStackTraceContaining("arn:aws:lambda:us-east-1:111122223333:function:fn");
    }

    @Test
    void theFunctionsOwnVariablesDoNotOverrideTheCredentials() throws Exception {
        invoke();

        assertThat(environment(0)).containsEntry("OWN", "mine").containsEntry("AWS_ACCESS_KEY_ID", "ASIAFAKE1")
                .containsEntry("AWS_SESSION_TOKEN", "token-1");
    }

    @Test
    void theFunctionsOwnEndpointUrlWinsAsItIsNotReservedOnAws() throws Exception {
        FunctionConfiguration pointed = latest.toBuilder().revisionId("r2")
                .environment(Map.of("AWS_ENDPOINT_URL", "http://elsewhere:4566")).build();
        storage.functions().replace(new FunctionRecord(pointed, Map.of()), "r1");
        engine.in(Account.defaults()).changed("fn");

        invoke();

        assertThat(environment(0)).containsEntry("AWS_ENDPOINT_URL", "http://elsewhere:4566")
                .containsEntry("AWS_ACCESS_KEY_ID", "ASIAFAKE1");
    }

    @Test
    void anIdleInstancePastItsLifetimeIsReapedAndTheNextInstanceGetsNewCredentials() throws Exception {
        invoke();
        invoke();
        assertThat(sandbox.launched()).as("warm: one instance").hasSize(1);

        ticker.addAndGet(LIFETIME.toNanos());
        engine.reap();

        assertThat(sandbox.launched().getFirst().killed()).as("retired").isTrue();
        invoke();
        assertThat(sandbox.launched()).hasSize(2);
        assertThat(environment(1)).containsEntry("AWS_ACCESS_KEY_ID", "ASIAFAKE2")
                .containsEntry("AWS_SESSION_TOKEN", "token-2");
    }

    @Test
    void anInstancePastItsLifetimeTakesNoInvocationEvenBeforeTheReaperRuns() throws Exception {
        invoke();

        ticker.addAndGet(LIFETIME.toNanos());
        invoke();

        assertThat(sandbox.launched()).hasSize(2);
        assertThat(sandbox.launched().getFirst().killed()).isTrue();
        assertThat(environment(1)).containsEntry("AWS_ACCESS_KEY_ID", "ASIAFAKE2");
    }

    @Test
    void anInstanceLivesUntilItsLifetimeLessAtMostATenth() throws Exception {
        invoke();

        ticker.addAndGet(LIFETIME.toNanos() * 9 / 10 - 1);
        engine.reap();
        invoke();

        assertThat(sandbox.launched()).as("still warm").hasSize(1);
        assertThat(sandbox.launched().getFirst().killed()).isFalse();
    }

    @Test
    void aProvisionedInstanceNearingTheEndOfItsLifetimeIsReplacedWithoutAGap() throws Exception {
        storage.versions().publish(latest.toBuilder().revisionId("r2").build(), "r1", latest);
        engine.in(Account.defaults()).provision("fn", "1", 1);
        awaitReady(1);

        ticker.addAndGet(LIFETIME.toNanos() * 9 / 10 - Duration.ofMinutes(2).toNanos());
        while (logStreams() == 1) { // its lifetime is 90-100 % of the maximum: step towards it until a successor starts
            ticker.addAndGet(Duration.ofSeconds(10).toNanos());
            engine.reap();
        }

        assertThat(sandbox.launched().getFirst().killed()).as("serves while its successor starts").isFalse();
        await("the first instance stopped", () -> sandbox.launched().getFirst().killed());
        assertThat(engine.in(Account.defaults()).allocation("fn", "1").ready()).as("its successor took its place").isEqualTo(1);
        assertThat(environment(1)).containsEntry("AWS_ACCESS_KEY_ID", "ASIAFAKE2")
                .containsEntry("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency");
        invoke(Optional.of("1"));
        assertThat(sandbox.launched()).as("the successor serves").hasSize(2);
    }

    @Test
    void aProvisionedInstancePastItsLifetimeIsReplacedEvenIfNoSuccessorStartedInTime() throws Exception {
        storage.versions().publish(latest.toBuilder().revisionId("r2").build(), "r1", latest);
        engine.in(Account.defaults()).provision("fn", "1", 1);
        awaitReady(1);

        ticker.addAndGet(LIFETIME.toNanos());
        engine.reap();

        awaitReady(2);
        assertThat(sandbox.launched().getFirst().killed()).isTrue();
        assertThat(environment(1)).containsEntry("AWS_ACCESS_KEY_ID", "ASIAFAKE2");
    }

    /** Waits until {@code launched} instances were launched and the version has its one provisioned instance ready. */
    private void awaitReady(int launched) throws InterruptedException {
        await("provisioned instance " + launched + " ready",
                () -> sandbox.launched().size() == launched && engine.in(Account.defaults()).allocation("fn", "1").ready() == 1);
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " in time").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** How many instances were begun: each creates its log stream before anything asynchronous. */
    private long logStreams() throws IOException {
        try (var files = java.nio.file.Files.list(dataDir.resolve("logs/000000000000/us-east-1/fn"))) {
            return files.count();
        }
    }

    private void invoke() throws Exception {
        invoke(Optional.empty());
    }

    private void invoke(Optional<String> qualifier) throws Exception {
        invoke(Account.defaults(), qualifier);
    }

    private void invoke(Account account, Optional<String> qualifier) throws Exception {
        InvocationResult result = engine.invoke(new InvocationRequest(UUID.randomUUID().toString(), account, "fn",
                qualifier, "{}".getBytes(StandardCharsets.UTF_8), false, null, null))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(result.functionError()).isNull();
    }

    private Map<String, String> environment(int instance) {
        return sandbox.launched().get(instance).spec().environment();
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
