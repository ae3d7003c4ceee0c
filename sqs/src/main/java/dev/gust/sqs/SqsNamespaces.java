package dev.gust.sqs;

import dev.gust.core.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.pekko.actor.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every namespace's SQS ({@link QueueEngine}), each started on first use: the one Pekko actor system they share is
 * created with the first, so a server whose clients never use SQS never starts ElasticMQ. Namespaces that have stored
 * queues are started in the background at {@link #startStored()}. Thread-safe.
 */
final class SqsNamespaces implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsNamespaces.class);

    private final Path sqsDir;
    private final Map<Account, CompletableFuture<QueueEngine>> engines = new ConcurrentHashMap<>();
    private final ExecutorService starter = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("sqs-start")
            .daemon().factory());
    private volatile ActorSystem system;
    private volatile boolean closed;

    /** @param sqsDir the data dir's {@code sqs} folder, which holds one folder per account and region */
    SqsNamespaces(Path sqsDir) {
        this.sqsDir = sqsDir;
    }

    /** The namespace's SQS, started if it was not: completes once it serves requests. */
    CompletableFuture<QueueEngine> engine(Account account) {
        CompletableFuture<QueueEngine> engine = engines.get(account);
        if (engine != null && !engine.isCompletedExceptionally()) {
            return engine;
        }
        return engines.compute(account, (key, previous) -> previous != null && !previous.isCompletedExceptionally()
                ? previous
                : CompletableFuture.supplyAsync(() -> start(key), starter));
    }

    /** The namespace's SQS if it is running or has stored queues (then it is started), else empty. */
    java.util.Optional<CompletableFuture<QueueEngine>> existing(Account account) {
        if (engines.containsKey(account) || Files.exists(QueueEngine.folder(sqsDir, account).resolve("queues.db"))) {
            return java.util.Optional.of(engine(account));
        }
        return java.util.Optional.empty();
    }

    /** Starts, in the background, every namespace with a journal in the data dir. */
    void startStored() {
        if (!Files.isDirectory(sqsDir)) {
            return;
        }
        try (Stream<Path> accounts = Files.list(sqsDir)) {
            for (Path accountDir : accounts.toList()) {
                try (Stream<Path> regions = Files.list(accountDir)) {
                    for (Path regionDir : regions.toList()) {
                        if (Files.exists(regionDir.resolve("queues.db"))) {
                            engine(new Account(accountDir.getFileName().toString(), regionDir.getFileName().toString()));
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            LOG.error("listing the stored SQS namespaces under {} failed", sqsDir, e);
        }
    }

    /** The namespaces that are running. */
    List<QueueEngine> running() {
        return engines.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally())
                .map(CompletableFuture::join).toList();
    }

    private QueueEngine start(Account account) {
        if (closed) {
            throw new IllegalStateException("SQS is stopped");
        }
        try {
            long began = System.nanoTime();
            QueueEngine engine = QueueEngine.start(system(), sqsDir, account);
            LOG.info("SQS of account {} in {} started in {} ms (ElasticMQ on 127.0.0.1:{})", account.accountId(),
                    account.region(), (System.nanoTime() - began) / 1_000_000, engine.port());
            return engine;
        } catch (Exception e) {
            LOG.error("SQS of account {} in {} could not start", account.accountId(), account.region(), e);
            throw new IllegalStateException("SQS could not start", e);
        }
    }

    /** The actor system every namespace shares, created on first use (on the starter thread). */
    private ActorSystem system() {
        if (system == null) {
            system = ActorSystem.create("gust-sqs", com.typesafe.config.ConfigFactory.parseString(
                    "pekko.loglevel = WARNING\npekko.stdout-loglevel = OFF\n"
                            // Pekko's own logging goes through SLF4J, Gust's one logging API
                            + "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]\n"
                            + "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"\n"
                            + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
                            + "pekko.coordinated-shutdown.terminate-actor-system = on\n"
                            + "pekko.http.server.request-timeout = 60s\npekko.http.server.idle-timeout = 120s\n"
                            + "pekko.http.server.max-connections = 4096\n")
                    .withFallback(com.typesafe.config.ConfigFactory.load(SqsNamespaces.class.getClassLoader())),
                    SqsNamespaces.class.getClassLoader());
        }
        return system;
    }

    @Override
    public void close() {
        closed = true;
        starter.shutdown();
        try {
            starter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (QueueEngine engine : running()) {
            engine.close();
        }
        if (system != null) {
            try {
                system.terminate();
                scala.concurrent.Await.result(system.whenTerminated(), scala.concurrent.duration.Duration.create(15,
                        TimeUnit.SECONDS));
            } catch (Exception e) {
                LOG.warn("stopping SQS's actor system failed", e);
            }
        }
    }
}
