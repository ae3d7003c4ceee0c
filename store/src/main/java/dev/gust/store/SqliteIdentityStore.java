package dev.gust.store;

import dev.gust.core.identity.IdentityChange;
import dev.gust.core.identity.IdentityEntity;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded {@link IdentityStore}: table {@code identity_entities} in {@code <dataDir>/gust.db}.
 *
 * <p>Thread-safe: one connection behind a lock ({@link LockedConnection}); a commit is one transaction, durable when
 * it returns. Usable until {@link #close()}; afterwards every method throws {@link IllegalStateException}.
 */
public final class SqliteIdentityStore implements IdentityStore {

    private final LockedConnection db;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
    public SqliteIdentityStore(Path dataDir) {
        db = new LockedConnection(dataDir, "identity store");
    }

    @Override
    public List<IdentityEntity> all() {
        return db.run(c -> {
            List<IdentityEntity> all = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT account_id, kind, name, body FROM identity_entities"
                    + " ORDER BY account_id, kind, name"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.add(new IdentityEntity(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return all;
        });
    }

    @Override
    public void commit(List<IdentityChange> changes) {
        db.transaction(c -> {
            try (PreparedStatement put = c.prepareStatement("INSERT OR REPLACE INTO identity_entities"
                    + " (account_id, kind, name, body) VALUES (?, ?, ?, ?)");
                    PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM identity_entities WHERE account_id = ? AND kind = ? AND name = ?")) {
                for (IdentityChange change : changes) {
                    switch (change) {
                        case IdentityChange.Put(IdentityEntity e) -> {
                            put.setString(1, e.accountId());
                            put.setString(2, e.kind());
                            put.setString(3, e.name());
                            put.setString(4, e.body());
                            put.executeUpdate();
                        }
                        case IdentityChange.Delete(String accountId, String kind, String name) -> {
                            delete.setString(1, accountId);
                            delete.setString(2, kind);
                            delete.setString(3, name);
                            delete.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
