package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The embedded {@link SnsStore}: tables {@code sns_topics}, {@code sns_subscriptions} and {@code sns_deliveries} in
 * {@code <dataDir>/gust.db}.
 *
 * <p>Thread-safe: topics, subscriptions and reads on one connection behind a lock ({@link LockedConnection}); the
 * outbox's writes on a second connection owned by a {@link GroupCommitWriter}, so that concurrent publishes and
 * deliveries share fsyncs. Every write is durable when it returns (WAL with {@code synchronous=FULL}). Usable until {@link #close()}; afterwards
 * every method throws {@link IllegalStateException}.
 */
public final class SqliteSnsStore implements SnsStore {

    private final LockedConnection db;
    /** The outbox's writes (enqueue, remove, reschedule) on their own connection, group-committed. */
    private final Connection outbox;
    private final GroupCommitWriter writer;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}, and starts the outbox's writer. */
    public SqliteSnsStore(Path dataDir) {
        db = new LockedConnection(dataDir, "SNS store");
        outbox = LockedConnection.open(dataDir);
        writer = new GroupCommitWriter(outbox, "gust-sns-outbox-writer");
    }

    @Override
    public List<StoredTopic> topics() {
        return db.run(c -> {
            List<StoredTopic> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT account_id, region, name, body FROM sns_topics ORDER BY account_id, region, name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(new StoredTopic(account(rs), rs.getString(3), rs.getString(4)));
                }
            }
            return all;
        });
    }

    @Override
    public void putTopic(StoredTopic topic) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO sns_topics ("
                    + NamespaceColumns.NAMES + ", name, body) VALUES (?, ?, ?, ?)")) {
                new NamespaceColumns(topic.account()).bind(s, 1);
                s.setString(3, topic.name());
                s.setString(4, topic.body());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean deleteTopic(Account account, String name) {
        return db.transaction(c -> {
            update(c, "DELETE FROM sns_deliveries WHERE subscription_id IN (SELECT subscription_id FROM"
                    + " sns_subscriptions WHERE topic_name = ? AND " + NamespaceColumns.MATCH + ") AND "
                    + NamespaceColumns.MATCH, account, name, true);
            update(c, "DELETE FROM sns_subscriptions WHERE topic_name = ? AND " + NamespaceColumns.MATCH, account,
                    name, false);
            return update(c, "DELETE FROM sns_topics WHERE name = ? AND " + NamespaceColumns.MATCH, account, name,
                    false) == 1;
        });
    }

    @Override
    public List<StoredSubscription> subscriptions() {
        return db.run(c -> {
            List<StoredSubscription> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT account_id, region, subscription_id, topic_name,"
                    + " body FROM sns_subscriptions ORDER BY account_id, region, topic_name, subscription_id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(new StoredSubscription(account(rs), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
            return all;
        });
    }

    @Override
    public void putSubscription(StoredSubscription subscription) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO sns_subscriptions ("
                    + NamespaceColumns.NAMES + ", subscription_id, topic_name, body) VALUES (?, ?, ?, ?, ?)")) {
                new NamespaceColumns(subscription.account()).bind(s, 1);
                s.setString(3, subscription.subscriptionId());
                s.setString(4, subscription.topicName());
                s.setString(5, subscription.body());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean deleteSubscription(Account account, String subscriptionId) {
        return db.transaction(c -> {
            update(c, "DELETE FROM sns_deliveries WHERE subscription_id = ? AND " + NamespaceColumns.MATCH, account,
                    subscriptionId, false);
            return update(c, "DELETE FROM sns_subscriptions WHERE subscription_id = ? AND " + NamespaceColumns.MATCH,
                    account, subscriptionId, false) == 1;
        });
    }

    /**
     * {@inheritDoc} Concurrent publishes share a transaction and its fsync (group commit).
     */
    @Override
    public void enqueue(Collection<NewDelivery> deliveries, long dueAtMillis) {
        if (deliveries.isEmpty()) {
            return;
        }
        long bytes = deliveries.stream().mapToLong(d -> d.notification().length()).sum();
        write(() -> {
            try (PreparedStatement s = outbox.prepareStatement("INSERT INTO sns_deliveries (" + NamespaceColumns.NAMES
                    + ", subscription_id, notification, attempts, due_at) VALUES (?, ?, ?, ?, 0, ?)")) {
                for (NewDelivery delivery : deliveries) {
                    new NamespaceColumns(delivery.account()).bind(s, 1);
                    s.setString(3, delivery.subscriptionId());
                    s.setString(4, delivery.notification());
                    s.setLong(5, dueAtMillis);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        }, bytes);
    }

    /** Runs outbox work in the writer's next batch and waits until it is committed. */
    private <T> T write(GroupCommitWriter.Work<T> work, long bytes) {
        try {
            return writer.submit(work, bytes).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StoreException("Database failure: " + cause.getMessage(), cause);
        }
    }

    @Override
    public List<Delivery> due(long nowMillis, Collection<Long> skip, int limit) {
        return db.run(c -> {
            List<Delivery> due = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, account_id, region, subscription_id,"
                    + " notification, attempts, due_at FROM sns_deliveries WHERE due_at <= ? ORDER BY due_at, id"
                    + " LIMIT ?")) {
                s.setLong(1, nowMillis);
                s.setInt(2, limit + skip.size());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next() && due.size() < limit) {
                        long id = rs.getLong(1);
                        if (!skip.contains(id)) {
                            due.add(new Delivery(id, new Account(rs.getString(2), rs.getString(3)), rs.getString(4),
                                    rs.getString(5), rs.getInt(6), rs.getLong(7)));
                        }
                    }
                }
            }
            return due;
        });
    }

    @Override
    public long nextDue() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT MIN(due_at) FROM sns_deliveries");
                    ResultSet rs = s.executeQuery()) {
                long next = rs.next() ? rs.getLong(1) : 0;
                return rs.wasNull() ? Long.MAX_VALUE : next;
            }
        });
    }

    @Override
    public boolean remove(long id) {
        return write(() -> {
            try (PreparedStatement s = outbox.prepareStatement("DELETE FROM sns_deliveries WHERE id = ?")) {
                s.setLong(1, id);
                return s.executeUpdate() == 1;
            }
        }, 0);
    }

    @Override
    public void reschedule(long id, int attempts, long dueAtMillis) {
        write(() -> {
            try (PreparedStatement s = outbox.prepareStatement(
                    "UPDATE sns_deliveries SET attempts = ?, due_at = ? WHERE id = ?")) {
                s.setInt(1, attempts);
                s.setLong(2, dueAtMillis);
                s.setLong(3, id);
                return s.executeUpdate();
            }
        }, 0);
    }

    @Override
    public void close() {
        writer.close(); // runs what was submitted, then stops
        try {
            outbox.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the database", e);
        } finally {
            db.close();
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), rs.getString(2));
    }

    /**
     * Runs a statement whose first parameter is {@code key}, then the namespace (twice, when {@code twice}: for a
     * sub-select and the outer statement).
     */
    private static int update(Connection c, String sql, Account account, String key, boolean twice)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            NamespaceColumns namespace = new NamespaceColumns(account);
            namespace.bind(s, 2);
            if (twice) {
                namespace.bind(s, 4);
            }
            return s.executeUpdate();
        }
    }
}
