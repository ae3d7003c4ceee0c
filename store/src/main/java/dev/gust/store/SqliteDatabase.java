package dev.gust.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens Gust's SQLite database file with the settings that make acknowledged writes durable, after bringing
 * its schema up to date.
 *
 * <p>WAL journal with {@code synchronous=FULL}: a commit returns only after the WAL is fsynced, so a
 * committed transaction survives kill -9 and power loss ({@code NORMAL} would survive only kill -9). Stateless.
 */
final class SqliteDatabase {

    /** How long a statement waits for another process's lock before failing with SQLITE_BUSY. */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    private SqliteDatabase() {
    }

    /** Migrates the schema in {@code file} (creating the file if needed) and returns a new connection to it. */
    static Connection open(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            return dataSource.getConnection();
        } catch (SQLException | FlywayException e) {
            throw new StoreException("Cannot open " + file, e);
        }
    }
}
