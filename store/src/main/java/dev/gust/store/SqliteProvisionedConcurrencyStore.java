package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded {@link ProvisionedConcurrencyStore}: table {@code provisioned_concurrency} in
 * {@code <dataDir>/gust.db}, one row per version or alias with a config.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement, durable
 * when it returns. Usable until {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteProvisionedConcurrencyStore implements ProvisionedConcurrencyStore {

    private static final String COLUMNS = "SELECT function_name, qualifier, requested, last_modified "
            + "FROM provisioned_concurrency ";

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to {@link Account#defaults()}. */
    public SqliteProvisionedConcurrencyStore(Path dataDir) {
        this(new LockedConnection(dataDir, "provisioned concurrency store"), Account.defaults(), true);
    }

    private SqliteProvisionedConcurrencyStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteProvisionedConcurrencyStore in(Account other) {
        return new SqliteProvisionedConcurrencyStore(db, other, false);
    }

    @Override
    public void put(ProvisionedConcurrencyConfig config) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO provisioned_concurrency "
                    + "(function_name, qualifier, requested, last_modified, " + NamespaceColumns.NAMES
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, config.functionName());
                s.setString(2, config.qualifier());
                s.setInt(3, config.requested());
                s.setLong(4, config.lastModified().toEpochMilli());
                return namespace.bindLast(s).executeUpdate();
            }
        });
    }

    @Override
    public Optional<ProvisionedConcurrencyConfig> find(String functionName, String qualifier) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? AND qualifier = ? AND "
                    + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                return read(namespace.bindLast(s)).stream().findFirst();
            }
        });
    }

    @Override
    public boolean delete(String functionName, String qualifier) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ? AND "
                            + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public void deleteFunction(String functionName) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM provisioned_concurrency WHERE function_name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                return namespace.bindLast(s).executeUpdate();
            }
        });
    }

    @Override
    public List<ProvisionedConcurrencyConfig> list(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? AND "
                    + NamespaceColumns.MATCH + " ORDER BY qualifier")) {
                s.setString(1, functionName);
                return read(namespace.bindLast(s));
            }
        });
    }

    @Override
    public List<ProvisionedConcurrencyConfig> all() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE " + NamespaceColumns.MATCH
                    + " ORDER BY function_name, qualifier")) {
                return read(namespace.bindLast(s));
            }
        });
    }

    private static List<ProvisionedConcurrencyConfig> read(PreparedStatement statement) throws SQLException {
        List<ProvisionedConcurrencyConfig> configs = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                configs.add(new ProvisionedConcurrencyConfig(rs.getString(1), rs.getString(2), rs.getInt(3),
                        Instant.ofEpochMilli(rs.getLong(4))));
            }
        }
        return configs;
    }

    /** Closes the connection if this store opened it; a view from {@link #in} leaves it to its store. */
    @Override
    public void close() {
        if (ownsConnection) {
            db.close();
        }
    }
}
