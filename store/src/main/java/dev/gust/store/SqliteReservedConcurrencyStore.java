package dev.gust.store;

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
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement,
 * durable when it returns. Usable until {@link #close()}; afterwards every method throws
 * {@link IllegalStateException}.
 */
public final class SqliteReservedConcurrencyStore implements ReservedConcurrencyStore {

    private final LockedConnection db;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
    public SqliteReservedConcurrencyStore(Path dataDir) {
        db = new LockedConnection(dataDir, "reserved concurrency store");
    }

    @Override
    public void put(String functionName, int reserved) {
        if (reserved < 0) {
            throw new IllegalArgumentException("reserved concurrency must be >= 0: " + reserved);
        }
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR REPLACE INTO reserved_concurrency (function_name, reserved) VALUES (?, ?)")) {
                s.setString(1, functionName);
                s.setInt(2, reserved);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public OptionalInt find(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT reserved FROM reserved_concurrency WHERE function_name = ?")) {
                s.setString(1, functionName);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
                }
            }
        });
    }

    @Override
    public boolean delete(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM reserved_concurrency WHERE function_name = ?")) {
                s.setString(1, functionName);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Map<String, Integer> all() {
        return db.run(c -> {
            Map<String, Integer> all = new TreeMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT function_name, reserved FROM reserved_concurrency");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getInt(2));
                }
            }
            return all;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
