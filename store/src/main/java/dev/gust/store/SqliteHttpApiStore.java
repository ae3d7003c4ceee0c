package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded {@link HttpApiStore}: table {@code http_apis} in {@code <dataDir>/gust.db}, one row per API.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); every method is one statement, durable
 * when it returns. Usable until {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteHttpApiStore implements HttpApiStore {

    private final LockedConnection db;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
    public SqliteHttpApiStore(Path dataDir) {
        db = new LockedConnection(dataDir, "HTTP API store");
    }

    @Override
    public List<StoredHttpApi> all() {
        return db.run(c -> {
            List<StoredHttpApi> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT account_id, region, api_id, body FROM http_apis ORDER BY api_id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(new StoredHttpApi(new Account(rs.getString(1), rs.getString(2)), rs.getString(3),
                            rs.getString(4)));
                }
            }
            return all;
        });
    }

    @Override
    public void put(StoredHttpApi api) {
        db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO http_apis"
                    + " (api_id, " + NamespaceColumns.NAMES + ", body) VALUES (?, ?, ?, ?)")) {
                s.setString(1, api.apiId());
                new NamespaceColumns(api.account()).bind(s, 2);
                s.setString(4, api.body());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public boolean delete(String apiId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM http_apis WHERE api_id = ?")) {
                s.setString(1, apiId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
