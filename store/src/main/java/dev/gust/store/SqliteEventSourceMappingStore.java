package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.esm.EventSourceMapping;
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
 * The embedded {@link EventSourceMappingStore}: table {@code event_source_mappings} in {@code <dataDir>/gust.db}, one
 * row per mapping; the function response types and the filter patterns are kept as JSON arrays of strings.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is durable when it returns.
 * Usable until {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteEventSourceMappingStore implements EventSourceMappingStore {

    private static final String COLUMNS = "SELECT account_id, region, uuid, event_source_arn, function_arn, state, "
            + "state_transition_reason, batch_size, batching_window_seconds, maximum_concurrency, "
            + "function_response_types, filter_patterns, last_modified, last_processing_result "
            + "FROM event_source_mappings ";
    /** The settings a create or an update writes, in the order {@link #bindSettings} binds them. */
    private static final String SETTINGS = "event_source_arn, function_arn, state, state_transition_reason, "
            + "batch_size, batching_window_seconds, maximum_concurrency, function_response_types, filter_patterns, "
            + "last_modified, last_processing_result";
    private static final int SETTING_COUNT = 11;

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to the default namespace. */
    public SqliteEventSourceMappingStore(Path dataDir) {
        this(new LockedConnection(dataDir, "event source mapping store"), Account.defaults(), true);
    }

    private SqliteEventSourceMappingStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteEventSourceMappingStore in(Account other) {
        return new SqliteEventSourceMappingStore(db, other, false);
    }

    @Override
    public Optional<EventSourceMapping> create(EventSourceMapping mapping) {
        return db.transaction(c -> {
            Optional<EventSourceMapping> existing = conflicting(c, mapping.uuid(), mapping.eventSourceArn(),
                    mapping.functionArn());
            if (existing.isPresent()) {
                return existing;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO event_source_mappings (uuid, " + SETTINGS
                    + ", " + NamespaceColumns.NAMES + ") VALUES (?" + ", ?".repeat(SETTING_COUNT) + ", ?, ?)")) {
                s.setString(1, mapping.uuid());
                bindSettings(s, 2, mapping);
                namespace.bindLast(s).executeUpdate();
            }
            return Optional.empty();
        });
    }

    @Override
    public Optional<EventSourceMapping> find(String uuid) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE uuid = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, uuid);
                return read(namespace.bindLast(s)).stream().findFirst();
            }
        });
    }

    @Override
    public boolean update(EventSourceMapping changed, String expectedState) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE event_source_mappings SET ("
                    + SETTINGS + ") = (?" + ", ?".repeat(SETTING_COUNT - 1) + ") WHERE uuid = ? AND state = ? AND "
                    + NamespaceColumns.MATCH)) {
                bindSettings(s, 1, changed);
                s.setString(SETTING_COUNT + 1, changed.uuid());
                s.setString(SETTING_COUNT + 2, expectedState);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean transition(String uuid, String from, String to, Instant when) {
        return changesOne("UPDATE event_source_mappings SET state = ?, last_modified = ? WHERE uuid = ? AND state = ?",
                to, when.toEpochMilli(), uuid, from);
    }

    @Override
    public boolean recordResult(String uuid, String lastProcessingResult) {
        return changesOne("UPDATE event_source_mappings SET last_processing_result = ? WHERE uuid = ?",
                lastProcessingResult, uuid);
    }

    @Override
    public boolean delete(String uuid, String expectedState) {
        return changesOne("DELETE FROM event_source_mappings WHERE uuid = ? AND state = ?", uuid, expectedState);
    }

    /** Runs {@code sql} (ending in a WHERE clause) in this namespace with {@code parameters}; whether one row changed. */
    private boolean changesOne(String sql, Object... parameters) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(sql + " AND " + NamespaceColumns.MATCH)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<EventSourceMapping> conflicting(String uuid, String eventSourceArn, String functionArn) {
        return db.run(c -> conflicting(c, uuid, eventSourceArn, functionArn));
    }

    private Optional<EventSourceMapping> conflicting(java.sql.Connection c, String uuid, String eventSourceArn,
            String functionArn) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE event_source_arn = ? AND function_arn = ? AND "
                + "uuid <> ? AND " + NamespaceColumns.MATCH)) {
            s.setString(1, eventSourceArn);
            s.setString(2, functionArn);
            s.setString(3, uuid);
            return read(namespace.bindLast(s)).stream().findFirst();
        }
    }

    @Override
    public List<EventSourceMapping> list(String eventSourceArn, String functionArn, String marker, int maxItems) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE uuid > ? "
                    + "AND (? IS NULL OR event_source_arn = ?) AND (? IS NULL OR function_arn = ?) AND "
                    + NamespaceColumns.MATCH + " ORDER BY uuid LIMIT ?")) {
                s.setString(1, marker == null ? "" : marker);
                s.setString(2, eventSourceArn);
                s.setString(3, eventSourceArn);
                s.setString(4, functionArn);
                s.setString(5, functionArn);
                namespace.bind(s, 6);
                s.setInt(8, maxItems);
                return read(s);
            }
        });
    }

    @Override
    public Optional<EventSourceMapping> findAnywhere(String uuid) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE uuid = ?")) {
                s.setString(1, uuid);
                return read(s).stream().findFirst();
            }
        });
    }

    @Override
    public List<EventSourceMapping> all() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "ORDER BY uuid")) {
                return read(s);
            }
        });
    }

    /** Binds the {@link #SETTINGS} of {@code mapping} from parameter {@code first} on. */
    private static void bindSettings(PreparedStatement s, int first, EventSourceMapping mapping) throws SQLException {
        int i = first;
        s.setString(i++, mapping.eventSourceArn());
        s.setString(i++, mapping.functionArn());
        s.setString(i++, mapping.state());
        s.setString(i++, mapping.stateTransitionReason());
        s.setInt(i++, mapping.batchSize());
        s.setInt(i++, mapping.maximumBatchingWindowInSeconds());
        if (mapping.maximumConcurrency() == null) {
            s.setNull(i++, Types.INTEGER);
        } else {
            s.setInt(i++, mapping.maximumConcurrency());
        }
        s.setString(i++, EntityJson.write(mapping.functionResponseTypes()));
        s.setString(i++, EntityJson.write(mapping.filterPatterns()));
        s.setLong(i++, mapping.lastModified().toEpochMilli());
        s.setString(i, mapping.lastProcessingResult());
    }

    private static List<EventSourceMapping> read(PreparedStatement statement) throws SQLException {
        List<EventSourceMapping> mappings = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                int concurrency = rs.getInt(10);
                Integer maximumConcurrency = rs.wasNull() ? null : concurrency;
                mappings.add(new EventSourceMapping(rs.getString(3), new Account(rs.getString(1), rs.getString(2)),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                        rs.getInt(9), maximumConcurrency, List.of(EntityJson.read(rs.getString(11), String[].class)),
                        List.of(EntityJson.read(rs.getString(12), String[].class)),
                        Instant.ofEpochMilli(rs.getLong(13)), rs.getString(14)));
            }
        }
        return mappings;
    }

    /** Closes the connection if this store opened it; a view from {@link #in} leaves it to its store. */
    @Override
    public void close() {
        if (ownsConnection) {
            db.close();
        }
    }
}
