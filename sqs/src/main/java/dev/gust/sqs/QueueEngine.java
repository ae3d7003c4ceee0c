package dev.gust.sqs;

import dev.gust.core.Account;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.PoisonPill;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.InternalMessage;
import org.elasticmq.msg.CreateQueue;
import org.elasticmq.msg.RestoreMessages;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.QueueSorter$;
import org.elasticmq.persistence.sql.DBMessage;
import org.elasticmq.persistence.sql.DBQueue;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder$;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * One namespace's SQS (an account in a region): an ElasticMQ queue manager and its REST server on {@code 127.0.0.1}
 * (an ephemeral port, reached only by Gust's edge and its own services), whose queues and messages live in the
 * namespace's {@link QueueJournal} ({@code <data-dir>/sqs/<account>/<region>/queues.db}). Queue names are ElasticMQ's
 * own: two namespaces never share a queue manager, so the same name in two accounts never collides. Started once
 * ({@link #start}: the stored queues and messages are restored before the server listens), then thread-safe.
 */
final class QueueEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueEngine.class);
    private static final Duration ASK = Duration.ofSeconds(30);
    private static final java.util.concurrent.atomic.AtomicLong STARTS = new java.util.concurrent.atomic.AtomicLong();
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Account account;
    private final QueueJournal journal;
    private final ActorSystem system;
    private final ActorRef listener;
    private final ActorRef manager;
    private final SQSRestServer server;
    private final int port;
    private final MessageSenders senders;

    private QueueEngine(Account account, QueueJournal journal, ActorSystem system, ActorRef listener, ActorRef manager,
            SQSRestServer server, int port) {
        this.account = account;
        this.journal = journal;
        this.system = system;
        this.listener = listener;
        this.manager = manager;
        this.server = server;
        this.port = port;
        this.senders = new MessageSenders(account.accountId());
    }

    /** Who sent the namespace's messages, for their {@code SenderId}. */
    MessageSenders senders() {
        return senders;
    }

    /** The folder of {@code account}'s queues under the data dir's {@code sqs} folder. */
    static Path folder(Path sqsDir, Account account) {
        return sqsDir.resolve(account.accountId()).resolve(account.region());
    }

    /** Opens the namespace's journal, restores its queues and messages, and starts its server. Blocks. */
    static QueueEngine start(ActorSystem system, Path sqsDir, Account account) throws Exception {
        Path folder = folder(sqsDir, account);
        // private like the rest of the data dir: folders 0700, the journal 0600 before SQLite opens it (SQLite gives
        // its WAL and shared-memory files the database file's mode)
        for (Path dir : List.of(sqsDir, sqsDir.resolve(account.accountId()), folder)) {
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            Files.setPosixFilePermissions(dir, FOLDER);
        }
        Path file = folder.resolve("queues.db");
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        }
        for (String name : List.of("queues.db", "queues.db-wal", "queues.db-shm")) {
            if (Files.exists(folder.resolve(name))) {
                Files.setPosixFilePermissions(folder.resolve(name), FILE);
            }
        }
        QueueJournal journal = QueueJournal.open(file);
        ActorRef listener = null;
        ActorRef manager = null;
        try {
            // unique per start: a failed start's actors may still be stopping when the namespace is started again
            String name = "sqs-" + account.accountId() + "-" + account.region() + "-" + STARTS.incrementAndGet();
            listener = system.actorOf(JournalListener.props(journal), name + "-journal");
            ActorRef events = listener;
            manager = system.actorOf(Props.create(QueueManagerActor.class, () -> new QueueManagerActor(
                    new NowProvider(), StrictSQSLimits$.MODULE$, ScalaOptions.of(events))), name);
            restore(journal, manager);
            SQSRestServer server = SQSRestServerBuilder$.MODULE$.withActorSystem(system).withQueueManagerActor(manager)
                    .withInterface("127.0.0.1").withDynamicPort()
                    // "*": each queue URL names the host the request was sent to (the edge passes the client's Host)
                    .withServerAddress(new NodeAddress("http", "*", 0, ""))
                    .withAWSAccountId(account.accountId()).withAWSRegion(account.region()).start();
            int port = server.waitUntilStarted().localAddress().getPort();
            return new QueueEngine(account, journal, system, listener, manager, server, port);
        } catch (Exception | Error e) {
            if (manager != null) {
                manager.tell(PoisonPill.getInstance(), ActorRef.noSender());
            }
            if (listener != null) {
                listener.tell(PoisonPill.getInstance(), ActorRef.noSender());
            }
            journal.close();
            throw e;
        }
    }

    /** Recreates the stored queues (dead-letter queues first) and puts their stored messages back. */
    private static void restore(QueueJournal journal, ActorRef manager) throws Exception {
        List<CreateQueueMetadata> stored = new ArrayList<>();
        for (Map.Entry<String, byte[]> queue : journal.queues().entrySet()) {
            stored.add(new DBQueue(queue.getKey(), queue.getValue()).toCreateQueue());
        }
        var sorted = QueueSorter$.MODULE$.sortCreateQueues(CollectionConverters.asScala(stored).toList());
        int messages = 0;
        for (CreateQueueMetadata queue : CollectionConverters.asJava(sorted)) {
            Object created = ask(manager, new CreateQueue(queue.toCreateQueueData()));
            if (!(created instanceof Either<?, ?> either) || either.isLeft()) {
                LOG.error("SQS queue {} could not be restored: {}", queue.name(), created);
                continue;
            }
            ActorRef queueActor = (ActorRef) either.toOption().get();
            List<InternalMessage> restored = new ArrayList<>();
            for (QueueJournal.StoredMessage m : journal.messages(queue.name())) {
                restored.add(new DBMessage(m.id(), m.deliveryReceipts(), m.nextDelivery(), m.content(), m.attributes(),
                        m.created(), ScalaOptions.of(m.received()), m.receiveCount(), ScalaOptions.of(m.groupId()),
                        ScalaOptions.of(m.deduplicationId()), ScalaOptions.of(m.tracingId()),
                        ScalaOptions.of(m.sequenceNumber()), ScalaOptions.of(m.deadLetterSource())).toInternalMessage());
            }
            ask(queueActor, new RestoreMessages(CollectionConverters.asScala(restored).toList()));
            messages += restored.size();
        }
        if (!stored.isEmpty()) {
            LOG.info("SQS restored {} queues and {} messages", stored.size(), messages);
        }
    }

    private static Object ask(ActorRef actor, Object message) throws Exception {
        return Patterns.ask(actor, message, ASK).toCompletableFuture().get(ASK.toMillis(), TimeUnit.MILLISECONDS);
    }

    Account account() {
        return account;
    }

    /** The port of the namespace's ElasticMQ server on {@code 127.0.0.1}. */
    int port() {
        return port;
    }

    /** Completes once every change ElasticMQ reported before this call is durable. */
    CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        listener.tell(new JournalListener.Flush(done), ActorRef.noSender());
        return done;
    }

    /** Forgets the messages of {@code queue} created at or before {@code createdUpTo}, after a PurgeQueue. */
    CompletableFuture<Void> purged(String queue, long createdUpTo) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        listener.tell(new JournalListener.Purge(queue, createdUpTo, done), ActorRef.noSender());
        return done;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException e) {
            LOG.warn("stopping SQS of {} failed", account, e);
        }
        try {
            flush().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("flushing SQS of {} failed", account, e);
        }
        manager.tell(PoisonPill.getInstance(), ActorRef.noSender());
        listener.tell(PoisonPill.getInstance(), ActorRef.noSender());
        journal.close();
    }

    ActorSystem system() {
        return system;
    }
}
