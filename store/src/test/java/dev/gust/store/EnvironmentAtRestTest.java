package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.FunctionConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentAtRestTest {

    private static final String SECRET = "s3cr3t-value-that-must-not-be-on-disk";

    @TempDir
    Path dataDir;

    @Test
    void createsAPrivate256BitKeyAtFirstOpen() throws IOException {
        new SqliteFunctionStore(dataDir).close();

        Path key = dataDir.resolve(EnvironmentSeal.KEY_FILE);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key, LinkOption.NOFOLLOW_LINKS)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void storesEnvironmentVariablesOfFunctionsAndVersionsEncrypted() throws Exception {
        try (SqliteFunctionStore functions = new SqliteFunctionStore(dataDir);
                SqliteVersionStore versions = new SqliteVersionStore(dataDir)) {
            FunctionRecord record = withSecret(FunctionStoreContract.function("f", "r1"));
            functions.create(record);
            versions.publish(record.configuration().toBuilder().revisionId("r2").build(), "r1",
                    record.configuration());

            assertThat(functions.find("f").orElseThrow().configuration().environment()).containsEntry("TOKEN", SECRET);
            assertThat(versions.findVersion("f", "1").orElseThrow().environment()).containsEntry("TOKEN", SECRET);
        }
        assertThat(databaseText()).doesNotContain(SECRET).doesNotContain("TOKEN");
    }

    @Test
    void sealsPlaintextRowsAnOlderServerWroteWhenOpened() throws Exception {
        try (SqliteFunctionStore functions = new SqliteFunctionStore(dataDir)) {
            functions.create(withSecret(FunctionStoreContract.function("old", "r1")));
        }
        String plaintext = "{\"TOKEN\":\"" + SECRET + "\"}";
        execute("UPDATE functions SET config_json = json_remove(json_set(config_json, '$.environment', json('"
                + plaintext + "')), '$.environmentSealed')");
        assertThat(databaseText()).contains(SECRET);

        try (SqliteFunctionStore functions = new SqliteFunctionStore(dataDir)) {
            assertThat(functions.find("old").orElseThrow().configuration().environment())
                    .containsEntry("TOKEN", SECRET);
        }
        assertThat(databaseText()).doesNotContain(SECRET);
    }

    @Test
    void refusesToReadWithAnotherKey() throws Exception {
        try (SqliteFunctionStore functions = new SqliteFunctionStore(dataDir)) {
            functions.create(withSecret(FunctionStoreContract.function("f", "r1")));
        }
        Files.write(dataDir.resolve(EnvironmentSeal.KEY_FILE), new byte[32]);

        try (SqliteFunctionStore functions = new SqliteFunctionStore(dataDir)) {
            assertThatThrownBy(() -> functions.find("f")).isInstanceOf(StoreException.class)
                    .hasMessageContaining("keys/environment.key");
        }
    }

    private static FunctionRecord withSecret(FunctionRecord record) {
        FunctionConfiguration configuration = record.configuration().toBuilder()
                .environment(Map.of("TOKEN", SECRET)).build();
        return new FunctionRecord(configuration, record.tags());
    }

    /** Every configuration in the database as text, after a checkpoint so the WAL is in the main file. */
    private String databaseText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gust.db"));
                Statement s = c.createStatement()) {
            for (String table : new String[] {"functions", "function_versions"}) {
                try (ResultSet rs = s.executeQuery("SELECT config_json FROM " + table)) {
                    while (rs.next()) {
                        text.append(rs.getString(1)).append('\n');
                    }
                }
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return text + new String(Files.readAllBytes(dataDir.resolve("gust.db")), StandardCharsets.ISO_8859_1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gust.db"));
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
