package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The embedded {@link ReservedConcurrencyStore}: table {@code reserved_concurrency} in
 * {@code <dataDir>/gust.db}, one row per function that reserves concurrency.
 *
 * <p>Each instance is a view of one namespace (the key columns {@code account_id} and {@code region}); {@link #in}
 * gives another namespace's view on the same connection.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement,
 * durable when it returns. Usable until {@link #close()}; afterwards every method throws
 * {@link IllegalStateException}.
 */
public final class SqliteReservedConcurrencyStore implements ReservedConcurrencyStore {

    private final LockedConnection db;
    private final NamespaceColumns namespace;
    private final boolean ownsConnection;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}; bound to {@link Account#defaults()}. */
    public SqliteReservedConcurrencyStore(Path dataDir) {
        this(new LockedConnection(dataDir, "reserved concurrency store"), Account.defaults(), true);
    }

    private SqliteReservedConcurrencyStore(LockedConnection db, Account namespace, boolean ownsConnection) {
        this.db = db;
        this.namespace = new NamespaceColumns(namespace);
        this.ownsConnection = ownsConnection;
    }

    @Override
    public SqliteReservedConcurrencyStore in(Account other) {
        return new SqliteReservedConcurrencyStore(db, other, false);
    }

    @Override
    public void put(String functionName, int reserved) {
        if (reserved < 0) {
            throw new IllegalArgumentException("reserved concurrency must be >= 0: " + reserved);
        }
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO reserved_concurrency (function_name, reserved, " + NamespaceColumns.NAMES
                            + ") VALUES (?, ?, ?, ?)")) {
                s.setString(1, functionName);
                s.setInt(2, reserved);
                return namespace.bindLast(s).executeUpdate();
            }
        });
    }

    @Override
    public OptionalInt find(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT reserved FROM reserved_concurrency WHERE function_name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                try (ResultSet rs = namespace.bindLast(s).executeQuery()) {
                    return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
                }
            }
        });
    }

    @Override
    public boolean delete(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM reserved_concurrency WHERE function_name = ? AND " + NamespaceColumns.MATCH)) {
                s.setString(1, functionName);
                return namespace.bindLast(s).executeUpdate() == 1;
            }
        });
    }

    @Override
    public Map<String, Integer> all() {
        return db.run(c -> {
            Map<String, Integer> all = new TreeMap<>();
            try (PreparedStatement s = namespace.bindLast(c.prepareStatement(
                    "SELECT function_name, reserved FROM reserved_concurrency WHERE " + NamespaceColumns.MATCH));
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getInt(2));
                }
            }
            return all;
        });
    }

    /** Closes the connection if this store opened it; a view from {@link #in} leaves it to its store. */
    @Override
    public void close() {
        if (ownsConnection) {
            db.close();
        }
    }
}
