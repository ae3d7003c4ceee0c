package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded {@link RestApiStore}: table {@code rest_apis} in {@code <dataDir>/gust.db} (migration V13), its key
 * starting with the namespace columns.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); each write is one transaction, durable when
 * it returns. Usable until {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteRestApiStore implements RestApiStore {

    private final LockedConnection db;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
    public SqliteRestApiStore(Path dataDir) {
        db = new LockedConnection(dataDir, "REST API store");
    }

    @Override
    public List<RestApiRow> all() {
        return db.run(c -> {
            List<RestApiRow> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + NamespaceColumns.NAMES
                    + ", api_id, kind, name, body FROM rest_apis ORDER BY api_id, kind, name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(new RestApiRow(new Account(rs.getString(1), rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            return all;
        });
    }

    @Override
    public void put(List<RestApiRow> rows) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO rest_apis (" + NamespaceColumns.NAMES
                    + ", api_id, kind, name, body) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (RestApiRow row : rows) {
                    new NamespaceColumns(row.account()).bind(s, 1);
                    s.setString(3, row.apiId());
                    s.setString(4, row.kind());
                    s.setString(5, row.name());
                    s.setString(6, row.body());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void deleteApi(String apiId) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM rest_apis WHERE api_id = ?")) {
                s.setString(1, apiId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
