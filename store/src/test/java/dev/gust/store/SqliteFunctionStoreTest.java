package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteFunctionStoreTest extends FunctionStoreContract {

    @Override
    protected FunctionStore open(Path directory) {
        return new SqliteFunctionStore(directory);
    }

    @Test
    void keepsDatabaseInWalModeInGustDb(@TempDir Path dataDir) throws Exception {
        new SqliteFunctionStore(dataDir).close();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gust.db"))) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
        }
    }

    /** The settings that make a commit durable against kill -9 and power loss. */
    @Test
    void opensConnectionsWithFullSyncAndBusyTimeout(@TempDir Path dataDir) throws Exception {
        try (Connection c = SqliteDatabase.open(dataDir.resolve("gust.db"))) {
            assertThat(pragma(c, "synchronous")).isEqualTo("2"); // FULL
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
        }
    }

    private static String pragma(Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteFunctionStore closed = new SqliteFunctionStore(dataDir);
        closed.close();

        assertThatThrownBy(() -> closed.find("hello")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsPageSizeOutsideOneToTenThousand(@TempDir Path dataDir) {
        try (SqliteFunctionStore store = new SqliteFunctionStore(dataDir)) {
            assertThatThrownBy(() -> store.list(null, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.list(null, 10_001)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
