package dev.gust.store;

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
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement, durable
 * when it returns. Usable until {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteProvisionedConcurrencyStore implements ProvisionedConcurrencyStore {

    private static final String COLUMNS = "SELECT function_name, qualifier, requested, last_modified "
            + "FROM provisioned_concurrency ";

    private final LockedConnection db;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
    public SqliteProvisionedConcurrencyStore(Path dataDir) {
        db = new LockedConnection(dataDir, "provisioned concurrency store");
    }

    @Override
    public void put(ProvisionedConcurrencyConfig config) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO provisioned_concurrency "
                    + "(function_name, qualifier, requested, last_modified) VALUES (?, ?, ?, ?)")) {
                s.setString(1, config.functionName());
                s.setString(2, config.qualifier());
                s.setInt(3, config.requested());
                s.setLong(4, config.lastModified().toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<ProvisionedConcurrencyConfig> find(String functionName, String qualifier) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? AND qualifier = ?")) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                return read(s).stream().findFirst();
            }
        });
    }

    @Override
    public boolean delete(String functionName, String qualifier) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM provisioned_concurrency WHERE function_name = ? AND qualifier = ?")) {
                s.setString(1, functionName);
                s.setString(2, qualifier);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void deleteFunction(String functionName) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM provisioned_concurrency WHERE function_name = ?")) {
                s.setString(1, functionName);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<ProvisionedConcurrencyConfig> list(String functionName) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "WHERE function_name = ? ORDER BY qualifier")) {
                s.setString(1, functionName);
                return read(s);
            }
        });
    }

    @Override
    public List<ProvisionedConcurrencyConfig> all() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(COLUMNS + "ORDER BY function_name, qualifier")) {
                return read(s);
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

    @Override
    public void close() {
        db.close();
    }
}
