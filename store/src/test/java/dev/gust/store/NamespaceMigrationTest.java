package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data dir written before there were namespaces (schema V8) opens with its rows in the configured default account
 * and region, and nowhere else.
 */
class NamespaceMigrationTest {

    private static final Account CONFIGURED = new Account("123456789012", "eu-central-1");

    @TempDir
    Path dataDir;

    @AfterEach
    void deleteReadOnlyTrees() {
        FileTrees.delete(dataDir.resolve("code"));
    }

    @Test
    void rowsOfAVersionEightDataDirMoveToTheConfiguredDefaultNamespace() throws Exception {
        String url = "jdbc:sqlite:" + dataDir.resolve("gust.db");
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").target("8").load()
                .migrate();
        FunctionConfiguration hello = FunctionConfiguration.builder().functionName("hello").revisionId("r2").build();
        FunctionConfiguration published = hello.toBuilder().version("1").build();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA foreign_keys = ON");
            insert(c, "INSERT INTO functions (name, revision_id, code_sha256, config_json, tags_json, last_published) "
                    + "VALUES ('hello', 'r2', NULL, ?, '{\"team\":\"pay\"}', 1)", ConfigurationJson.write(hello, EnvironmentSeal.of(dataDir)));
            insert(c, "INSERT INTO function_versions VALUES ('hello', 1, NULL, ?, 'r1')",
                    ConfigurationJson.write(published, EnvironmentSeal.of(dataDir)));
            s.execute("INSERT INTO function_aliases VALUES ('hello', 'live', '1', '', NULL, NULL, 'a1')");
            s.execute("INSERT INTO reserved_concurrency VALUES ('hello', 5)");
            s.execute("INSERT INTO provisioned_concurrency VALUES ('hello', 'live', 2, 0)");
            s.execute("INSERT INTO function_policies VALUES ('hello', '$LATEST', 'p1', '[]')");
            s.execute("INSERT INTO event_invoke_configs VALUES ('hello', '$LATEST', 1, NULL, NULL, NULL, "
                    + "'2024-01-01T00:00:00Z')");
            s.execute("INSERT INTO layers VALUES ('deps', 1)");
            s.execute("INSERT INTO layer_versions VALUES ('deps', 1, '', 'null', '[]', NULL, '" + "ab".repeat(32)
                    + "', 1, 1, '2024-01-01T00:00:00Z', NULL, NULL)");
            s.execute("INSERT INTO event_queue (request_id, function_name, qualifier, payload, enqueued_at, attempts, "
                    + "next_attempt_at) VALUES ('req-1', 'hello', NULL, x'7b7d', 0, 0, 0)");
        }

        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, CONFIGURED)) {
            assertThat(storage.functions().namespaces()).containsExactly(CONFIGURED);
            assertThat(storage.functions().find("hello").orElseThrow().tags()).containsEntry("team", "pay");
            assertThat(storage.functions().in(Account.defaults()).find("hello")).isEmpty();
            assertThat(storage.versions().findVersion("hello", "1")).contains(published);
            assertThat(storage.versions().findAlias("hello", "live")).isPresent();
            assertThat(storage.reservedConcurrency().find("hello")).hasValue(5);
            assertThat(storage.provisionedConcurrency().find("hello", "live")).isPresent();
            assertThat(storage.policies().keys()).hasSize(1);
            assertThat(storage.policies().in(Account.defaults()).keys()).isEmpty();
            assertThat(storage.eventInvokeConfigs().find("hello", "$LATEST")).isPresent();
            assertThat(storage.layers().find("deps", 1)).isPresent();
            assertThat(storage.layers().in(Account.defaults()).find("deps", 1)).isEmpty();
            assertThat(storage.events().depths().toCompletableFuture().join()).extracting(QueueDepth::functionName)
                    .containsExactly(CONFIGURED.functionArn("hello"));
            // the foreign keys follow the new keys: deleting the function deletes its versions and aliases
            assertThat(storage.functions().delete("hello")).isTrue();
            assertThat(storage.versions().findVersion("hello", "1")).isEmpty();
            assertThat(storage.versions().findAlias("hello", "live")).isEmpty();
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet violations = s.executeQuery("PRAGMA foreign_key_check")) {
            assertThat(violations.next()).isFalse();
        }
    }

    private static void insert(Connection c, String sql, String json) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, json);
            s.executeUpdate();
        }
    }
}
