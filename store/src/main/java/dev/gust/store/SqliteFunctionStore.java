package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The embedded {@link FunctionStore}: one SQLite file, {@code <dataDir>/gust.db}, with one row per function in
 * table {@code functions} (configuration and tags as JSON, revision id and code hash as columns).
 *
 * <p>Each instance is a view of one namespace (account and region, the key columns {@code account_id} and
 * {@code region}); {@link #in} gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: a single {@link LockedConnection}, since SQLite serialises writers anyway. Every
 * method is one statement or one transaction, durable when it returns (see {@link SqliteDatabase}). List
 * markers are the name of the last function returned. Usable until {@link #close()}; afterwards every method
 * throws {@link IllegalStateException}.
 */
public final class SqliteFunctionStore implements FunctionStore {

    /** The database file's name inside the data directory. */
    public static final String FILE_NAME = "gust.db";

    private static final String COLUMNS = "name, revision_id, code_sha256, config_json, tags_json";

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /**
     * Opens (creating and migrating if needed) the database in {@code dataDir}; bound to {@link Account#defaults()}.
     * Environment variables an older server stored in clear are sealed now ({@link PlaintextEnvironments}).
     */
    public SqliteFunctionStore(Path dataDir) {
        this(new LockedConnection(dataDir, "function store"), Account.defaults(), true);
        PlaintextEnvironments.seal(db);
    }

    private SqliteFunctionStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteFunctionStore in(Account other) {
        return new SqliteFunctionStore(db, other, false);
    }

    @Override
    public boolean create(FunctionRecord record) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO functions (" + COLUMNS + ", "
                    + NamespaceColumns.NAMES + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, record.functionName());
                bindValues(s, record, 2, db.seal());
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<FunctionRecord> find(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT config_json, tags_json FROM functions WHERE name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                List<FunctionRecord> found = records(namespace.bindLast(s), db.seal());
                return found.stream().findFirst();
            }
        });
    }

    @Override
    public ReplaceOutcome replace(FunctionRecord updated, String expectedRevisionId) {
        return db.transaction(c -> compareAndSet(c, updated, expectedRevisionId));
    }

    private ReplaceOutcome compareAndSet(Connection c, FunctionRecord updated, String expectedRevisionId)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE functions SET revision_id = ?, code_sha256 = ?, "
                + "config_json = ?, tags_json = ? WHERE name = ? AND revision_id = ? AND " + NamespaceColumns.MATCH)) {
            bindValues(s, updated, 1, db.seal());
            s.setString(5, updated.functionName());
            s.setString(6, expectedRevisionId);
            if (namespace.bindLast(s).executeUpdate() == 1) {
                return ReplaceOutcome.REPLACED;
            }
        }
        // Same transaction, so the row cannot appear or vanish between the two statements.
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM functions WHERE name = ? AND "
                + NamespaceColumns.MATCH)) {
            s.setString(1, updated.functionName());
            try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                return rs.next() ? ReplaceOutcome.REVISION_MISMATCH : ReplaceOutcome.NOT_FOUND;
            }
        }
    }

    @Override
    public FunctionPage list(String marker, int maxItems) {
        if (maxItems < 1 || maxItems > 10_000) {
            throw new IllegalArgumentException("maxItems must be 1..10000: " + maxItems);
        }
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT config_json, tags_json FROM functions "
                    + "WHERE " + NamespaceColumns.MATCH + " AND name > ? ORDER BY name LIMIT ?")) {
                namespace.bind(s, 1);
                s.setString(3, marker == null ? "" : marker);
                s.setInt(4, maxItems + 1);
                List<FunctionRecord> found = records(s, db.seal());
                if (found.size() <= maxItems) {
                    return new FunctionPage(found, Optional.empty());
                }
                List<FunctionRecord> page = found.subList(0, maxItems);
                return new FunctionPage(page, Optional.of(page.getLast().functionName()));
            }
        });
    }

    @Override
    public boolean delete(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM functions WHERE name = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public int count() {
        return db.run(c -> {
            try (PreparedStatement s = namespace.bindLast(c.prepareStatement("SELECT count(*) FROM functions WHERE "
                    + NamespaceColumns.MATCH)); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Override
    public Set<String> referencedPackages() {
        return db.run(c -> {
            // A function's layers are in its configuration: it keeps them after their layer versions are deleted.
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT code_sha256 FROM functions WHERE code_sha256 IS NOT NULL UNION "
                            + "SELECT code_sha256 FROM function_versions WHERE code_sha256 IS NOT NULL UNION "
                            + "SELECT json_extract(layer.value, '$.code.sha256Hex') FROM functions, "
                            + "json_each(functions.config_json, '$.layers') AS layer UNION "
                            + "SELECT json_extract(layer.value, '$.code.sha256Hex') FROM function_versions, "
                            + "json_each(function_versions.config_json, '$.layers') AS layer");
                    ResultSet rs = s.executeQuery()) {
                Set<String> hashes = new HashSet<>();
                while (rs.next()) {
                    hashes.add(rs.getString(1));
                }
                return Set.copyOf(hashes);
            }
        });
    }

    @Override
    public Set<Account> namespaces() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT account_id, region FROM functions");
                    ResultSet rs = s.executeQuery()) {
                Set<Account> found = new HashSet<>();
                while (rs.next()) {
                    found.add(new Account(rs.getString(1), rs.getString(2)));
                }
                return Set.copyOf(found);
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

    /** Binds the four columns after {@code name} in {@link #COLUMNS}, starting at parameter {@code first}. */
    private static void bindValues(PreparedStatement s, FunctionRecord record, int first, EnvironmentSeal seal)
            throws SQLException {
        CodePackage code = record.configuration().code();
        s.setString(first, Objects.requireNonNull(record.revisionId(), "revisionId"));
        s.setString(first + 1, code == null ? null : code.sha256Hex());
        s.setString(first + 2, ConfigurationJson.write(record.configuration(), seal));
        s.setString(first + 3, ConfigurationJson.writeTags(record.tags()));
    }

    private static List<FunctionRecord> records(PreparedStatement s, EnvironmentSeal seal) throws SQLException {
        List<FunctionRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                records.add(new FunctionRecord(ConfigurationJson.readConfiguration(rs.getString(1), seal),
                        ConfigurationJson.readTags(rs.getString(2))));
            }
        }
        return records;
    }
}
