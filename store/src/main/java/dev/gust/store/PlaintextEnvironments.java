package dev.gust.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Seals the environment variables that servers before {@link EnvironmentSeal} stored in clear: every function and
 * published version whose configuration still has a plaintext {@code environment} member is rewritten sealed, in one
 * transaction, when the database is opened. Idempotent: a database with nothing in clear is left as it is.
 */
final class PlaintextEnvironments {

    private static final List<String> TABLES = List.of("functions", "function_versions");

    private PlaintextEnvironments() {
    }

    /** Seals what is in clear in {@code db}; returns how many configurations were rewritten. */
    static int seal(LockedConnection db) {
        return db.transaction(c -> {
            int sealed = 0;
            for (String table : TABLES) {
                Set<String> plaintext = new LinkedHashSet<>();
                try (PreparedStatement s = c.prepareStatement("SELECT config_json FROM " + table
                        + " WHERE json_type(config_json, '$.environment') IS NOT NULL");
                        ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        plaintext.add(rs.getString(1));
                    }
                }
                // by value: function_versions has no rowid; equal rows (same configuration in two namespaces) may
                // share one sealed value
                try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET config_json = ? "
                        + "WHERE config_json = ?")) {
                    for (String json : plaintext) {
                        s.setString(1, ConfigurationJson.write(ConfigurationJson.readConfiguration(json, db.seal()),
                                db.seal()));
                        s.setString(2, json);
                        sealed += s.executeUpdate();
                    }
                }
            }
            return sealed;
        });
    }
}
