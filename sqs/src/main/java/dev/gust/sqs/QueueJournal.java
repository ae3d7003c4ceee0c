package dev.gust.sqs;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable copy of one namespace's queues and messages: an SQLite file (WAL, {@code synchronous=FULL}) that one
 * writer thread changes in group commits. A change is handed over with {@link #write}; its {@code done} callback runs
 * only after the transaction that holds it is committed and synced, so ElasticMQ answers a SendMessage only once the
 * message is on disk. Changes are applied in the order they were handed over. Thread-safe; {@link #close} once.
 */
final class QueueJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueJournal.class);
    /** At most this many changes share one transaction. */
    private static final int GROUP = 512;

    private final Connection connection;
    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    private QueueJournal(Connection connection) {
        this.connection = connection;
        this.writer = Thread.ofPlatform().name("sqs-journal").daemon().unstarted(this::writeLoop);
    }

    /** Opens (creating if needed) the journal at {@code file} and starts its writer. */
    static QueueJournal open(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=FULL");
            s.execute("CREATE TABLE IF NOT EXISTS queues (name TEXT PRIMARY KEY, data BLOB NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS messages (queue TEXT NOT NULL, id TEXT NOT NULL,"
                    + " delivery_receipts BLOB, next_delivery INTEGER, content BLOB, attributes BLOB, created INTEGER,"
                    + " received INTEGER, receive_count INTEGER, group_id TEXT, deduplication_id TEXT, tracing_id TEXT,"
                    + " sequence_number TEXT, dead_letter_source TEXT, PRIMARY KEY (queue, id))");
        }
        connection.setAutoCommit(false);
        QueueJournal journal = new QueueJournal(connection);
        journal.writer.start();
        return journal;
    }

    /** One change to the journal, applied inside the writer's transaction. */
    @FunctionalInterface
    interface Statements {
        void apply(Connection connection) throws SQLException;
    }

    private record Change(Statements statements, Runnable done) {
    }

    /** Applies {@code statements} in a coming group commit, then runs {@code done} (on the writer thread). */
    void write(Statements statements, Runnable done) {
        if (closed) {
            throw new IllegalStateException("the queue journal is closed");
        }
        changes.add(new Change(statements, done));
    }

    /** The stored queues, by name, each with its data (ElasticMQ's queue metadata). */
    synchronized Map<String, byte[]> queues() throws SQLException {
        Map<String, byte[]> queues = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, data FROM queues ORDER BY rowid")) {
            while (rs.next()) {
                queues.put(rs.getString(1), rs.getBytes(2));
            }
        }
        connection.commit();
        return queues;
    }

    /** The stored messages of {@code queue}, in the order they were added. */
    synchronized List<StoredMessage> messages(String queue) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT id, delivery_receipts, next_delivery, content,"
                + " attributes, created, received, receive_count, group_id, deduplication_id, tracing_id,"
                + " sequence_number, dead_letter_source FROM messages WHERE queue = ? ORDER BY rowid")) {
            s.setString(1, queue);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long received = rs.getLong(7);
                    messages.add(new StoredMessage(rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getBytes(4),
                            rs.getBytes(5), rs.getLong(6), rs.wasNull() ? null : received, rs.getInt(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)));
                }
            }
        }
        connection.commit();
        return messages;
    }

    private void writeLoop() {
        List<Change> group = new ArrayList<>(GROUP);
        while (true) {
            try {
                Change first = changes.take();
                if (first.statements() == null) {
                    return;
                }
                group.add(first);
                changes.drainTo(group, GROUP - 1);
                commit(group);
            } catch (InterruptedException e) {
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Change> group) {
        boolean stop = false;
        synchronized (this) {
            try {
                for (Change change : group) {
                    if (change.statements() == null) {
                        stop = true;
                        continue;
                    }
                    change.statements().apply(connection);
                }
                connection.commit();
            } catch (SQLException e) {
                // never acknowledged: the senders' requests fail with ElasticMQ's timeout, nothing is half-written
                LOG.error("the SQS journal could not commit {} changes", group.size(), e);
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    LOG.error("the SQS journal could not roll back", rollback);
                }
                return;
            }
        }
        for (Change change : group) {
            if (change.done() != null) {
                change.done().run();
            }
        }
        if (stop) {
            changes.add(new Change(null, null));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        changes.add(new Change(null, null));
        try {
            writer.join(10_000);
            synchronized (this) {
                connection.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("closing the SQS journal failed", e);
        }
    }

    /** One stored message: the columns of ElasticMQ's own SQL persistence ({@code DBMessage}). */
    record StoredMessage(String id, byte[] deliveryReceipts, long nextDelivery, byte[] content, byte[] attributes,
            long created, Long received, int receiveCount, String groupId, String deduplicationId, String tracingId,
            String sequenceNumber, String deadLetterSource) {
    }
}
