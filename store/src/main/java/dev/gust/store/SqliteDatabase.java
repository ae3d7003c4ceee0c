package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Supplier;
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

    /**
     * The database file whose schema the current scope already brought up to date: while {@link EmbeddedStorage}
     * opens its stores, each store's connection skips Flyway instead of checking the schema once per store.
     */
    private static final ScopedValue<Path> MIGRATED = ScopedValue.newInstance();

    /**
     * Migrates the schema in {@code file} (unless this scope already did; rows older than the namespaces go to
     * {@link Account#defaults()}) and returns a new connection to it.
     */
    static Connection open(Path file) {
        SQLiteDataSource dataSource = dataSource(file);
        try {
            if (!MIGRATED.isBound() || !MIGRATED.get().equals(file.toAbsolutePath())) {
                migrate(dataSource, Account.defaults());
            }
            return dataSource.getConnection();
        } catch (SQLException | FlywayException e) {
            throw new StoreException("Cannot open " + file, e);
        }
    }

    /**
     * Migrates {@code file} once, then runs {@code opening}, whose {@link #open} calls on that file skip migrating.
     *
     * @param defaults the namespace of the rows written before there were namespaces (migration V9)
     */
    static <T> T migratedOnce(Path file, Account defaults, Supplier<T> opening) {
        try {
            migrate(dataSource(file), defaults);
        } catch (FlywayException e) {
            throw new StoreException("Cannot open " + file, e);
        }
        return ScopedValue.where(MIGRATED, file.toAbsolutePath()).call(opening::get);
    }

    private static void migrate(SQLiteDataSource dataSource, Account defaults) {
        Flyway.configure()
                .dataSource(dataSource)
                .placeholders(Map.of("default_account_id", defaults.accountId(), "default_region", defaults.region()))
                .locations("classpath:db/migration/sqlite")
                .failOnMissingLocations(true)
                .load()
                .migrate();
    }

    private static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return dataSource;
    }
}
