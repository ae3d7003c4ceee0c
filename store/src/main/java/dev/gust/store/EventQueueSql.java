package dev.gust.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements of {@link SqliteEventQueue} on table {@code event_queue}, each prepared once.
 *
 * <p>Not thread-safe: used only on the {@link GroupCommitWriter}'s thread, inside the transaction it opened.
 * Instants are stored as microseconds since the epoch.
 */
final class EventQueueSql implements AutoCloseable {

    private static final String EVENT_COLUMNS =
            "request_id, function_name, qualifier, payload, enqueued_at, attempts, next_attempt_at";

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    EventQueueSql(Connection connection) {
        this.connection = connection;
    }

    /** Inserts an event unless its request id is stored already. */
    void insert(QueuedEvent e) throws SQLException {
        PreparedStatement s = statement("INSERT INTO event_queue (" + EVENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING");
        s.setString(1, e.requestId());
        s.setString(2, e.functionName());
        if (e.qualifier() == null) {
            s.setNull(3, Types.VARCHAR);
        } else {
            s.setString(3, e.qualifier());
        }
        s.setBytes(4, e.payload());
        s.setLong(5, micros(e.enqueuedAt()));
        s.setInt(6, e.attempts());
        s.setLong(7, micros(e.nextAttemptAt()));
        s.executeUpdate();
    }

    /**
     * The first function name after {@code after} that has stored events, or {@code null}. With {@code upTo},
     * only names up to it (inclusive) count.
     */
    String functionAfter(String after, String upTo) throws SQLException {
        PreparedStatement s = statement(upTo == null
                ? "SELECT function_name FROM event_queue WHERE function_name > ? ORDER BY function_name LIMIT 1"
                : "SELECT function_name FROM event_queue WHERE function_name > ? AND function_name <= ? "
                        + "ORDER BY function_name LIMIT 1");
        s.setString(1, after);
        if (upTo != null) {
            s.setString(2, upTo);
        }
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The rowids of up to {@code limit} due events of one function, in (next attempt, enqueue) order. */
    List<Long> dueEvents(String functionName, Instant now, int limit) throws SQLException {
        PreparedStatement s = statement("SELECT seq FROM event_queue WHERE function_name = ? "
                + "AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?) "
                + "ORDER BY next_attempt_at, seq LIMIT ?");
        s.setString(1, functionName);
        s.setLong(2, micros(now));
        s.setLong(3, micros(now));
        s.setInt(4, limit);
        List<Long> seqs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
        }
        return seqs;
    }

    /** Leases the event of rowid {@code seq} and returns it as it was stored. */
    QueuedEvent lease(long seq, String owner, Instant leaseUntil) throws SQLException {
        PreparedStatement select = statement("SELECT " + EVENT_COLUMNS + " FROM event_queue WHERE seq = ?");
        select.setLong(1, seq);
        QueuedEvent event;
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            event = new QueuedEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                    instant(rs.getLong(5)), rs.getInt(6), instant(rs.getLong(7)));
        }
        PreparedStatement update = statement("UPDATE event_queue SET lease_owner = ?, lease_until = ? WHERE seq = ?");
        update.setString(1, owner);
        update.setLong(2, micros(leaseUntil));
        update.setLong(3, seq);
        update.executeUpdate();
        return event;
    }

    boolean delete(String requestId, String owner) throws SQLException {
        PreparedStatement s = statement("DELETE FROM event_queue WHERE request_id = ? AND lease_owner = ?");
        s.setString(1, requestId);
        s.setString(2, owner);
        return s.executeUpdate() == 1;
    }

    boolean reschedule(String requestId, String owner, int attempts, Instant nextAttemptAt) throws SQLException {
        PreparedStatement s = statement("UPDATE event_queue SET attempts = ?, next_attempt_at = ?, "
                + "lease_owner = NULL, lease_until = NULL WHERE request_id = ? AND lease_owner = ?");
        s.setInt(1, attempts);
        s.setLong(2, micros(nextAttemptAt));
        s.setString(3, requestId);
        s.setString(4, owner);
        return s.executeUpdate() == 1;
    }

    /** Clears the leases of {@code owner}, or every lease when {@code owner} is {@code null}. */
    int release(String owner) throws SQLException {
        PreparedStatement s = statement("UPDATE event_queue SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner IS NOT NULL AND (?1 IS NULL OR lease_owner = ?1)");
        if (owner == null) {
            s.setNull(1, Types.VARCHAR);
        } else {
            s.setString(1, owner);
        }
        return s.executeUpdate();
    }

    List<QueueDepth> depths() throws SQLException {
        PreparedStatement s = statement("SELECT function_name, count(*), min(enqueued_at) FROM event_queue "
                + "GROUP BY function_name ORDER BY function_name");
        List<QueueDepth> depths = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                depths.add(new QueueDepth(rs.getString(1), rs.getLong(2), instant(rs.getLong(3))));
            }
        }
        return depths;
    }

    int deleteFunction(String functionName) throws SQLException {
        PreparedStatement s = statement("DELETE FROM event_queue WHERE function_name = ?");
        s.setString(1, functionName);
        return s.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement s : prepared.values()) {
            s.close();
        }
        prepared.clear();
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement s = prepared.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            prepared.put(sql, s);
        }
        return s;
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
