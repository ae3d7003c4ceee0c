package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded {@link EventInvokeConfigStore}: table {@code event_invoke_configs} in {@code <dataDir>/gust.db},
 * one row per function and qualifier.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement,
 * durable when it returns. List markers are the last qualifier returned. Usable until {@link #close()};
 * afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteEventInvokeConfigStore implements EventInvokeConfigStore {

    private static final String COLUMNS = "function_name, qualifier, maximum_retry_attempts, "
            + "maximum_event_age_seconds, on_success_destination, on_failure_destination, last_modified";

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to {@link Account#defaults()}. */
    public SqliteEventInvokeConfigStore(Path dataDir) {
        this(new LockedConnection(dataDir, "event invoke config store"), Account.defaults(), true);
    }

    private SqliteEventInvokeConfigStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteEventInvokeConfigStore in(Account other) {
        return new SqliteEventInvokeConfigStore(db, other, false);
    }

    @Override
    public void put(EventInvokeConfig config) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO event_invoke_configs (" + COLUMNS
                    + ", " + NamespaceColumns.NAMES + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, config.functionName());
                s.setString(2, config.qualifier());
                setInteger(s, 3, config.maximumRetryAttempts());
                setInteger(s, 4, config.maximumEventAgeInSeconds());
                s.setString(5, config.destinationConfig().onSuccess());
                s.setString(6, config.destinationConfig().onFailure());
                s.setString(7, config.lastModified().toString());
                return namespace.bindLast(s).executeUpdate();
            }
        });
    }

    @Override
    public Optional<EventInvokeConfig> find(String functionName, String qualifier) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM event_invoke_configs WHERE function_name = ? AND qualifier = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                return configs(namespace.bindLast(s)).stream().findFirst();
            }
        });
    }

    @Override
    public boolean delete(String functionName, String qualifier) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM event_invoke_configs WHERE function_name = ? AND qualifier = ? AND "
                            + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public EventInvokeConfigPage list(String functionName, String marker, int maxItems) {
        if (maxItems < 1 || maxItems > 10_000) {
            throw new IllegalArgumentException("maxItems must be 1..10000: " + maxItems);
        }
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM event_invoke_configs "
                    + "WHERE " + NamespaceColumns.MATCH + " AND function_name = ? AND qualifier > ? "
                    + "ORDER BY qualifier LIMIT ?")) {
                namespace.bind(s, 1);
                s.setString(3, functionName);
                s.setString(4, marker == null ? "" : marker);
                s.setInt(5, maxItems + 1);
                List<EventInvokeConfig> found = configs(s);
                if (found.size() <= maxItems) {
                    return new EventInvokeConfigPage(found, Optional.empty());
                }
                List<EventInvokeConfig> page = found.subList(0, maxItems);
                return new EventInvokeConfigPage(page, Optional.of(page.getLast().qualifier()));
            }
        });
    }

    @Override
    public int deleteFunction(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM event_invoke_configs WHERE function_name = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                return namespace.bindLast(s).executeUpdate();
            }
        });
    }

    /** Closes the connection if this store opened it; a view from {@link #in} leaves it to its store. */
    @Override
    public void close() {
        if (ownsConnection) {
            db.close();
        }
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    private static List<EventInvokeConfig> configs(PreparedStatement s) throws SQLException {
        List<EventInvokeConfig> configs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                configs.add(new EventInvokeConfig(rs.getString(1), rs.getString(2), integer(rs, 3), integer(rs, 4),
                        new DestinationConfig(rs.getString(5), rs.getString(6)), Instant.parse(rs.getString(7))));
            }
        }
        return configs;
    }

    private static Integer integer(ResultSet rs, int index) throws SQLException {
        int value = rs.getInt(index);
        return rs.wasNull() ? null : value;
    }
}
