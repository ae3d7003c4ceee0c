package dev.gust.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One connection to {@code <dataDir>/gust.db} shared by a store's callers one at a time, since SQLite serialises
 * writers anyway.
 *
 * <p>Thread-safe. {@link #run} maps {@link SQLException} to {@link StoreException}; after {@link #close()} it
 * throws {@link IllegalStateException} naming the store.
 */
final class LockedConnection implements AutoCloseable {

    /** Work on the connection, run while holding the lock. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final String storeName;
    private final Connection connection;
    private final EnvironmentSeal seal;
    private boolean closed;

    /** Opens (creating and migrating if needed) the database in {@code dataDir}. */
    LockedConnection(Path dataDir, String storeName) {
        this.storeName = storeName;
        this.connection = open(dataDir);
        this.seal = EnvironmentSeal.of(dataDir);
    }

    /** What seals and opens the environment variables in this database (the data dir's key). */
    EnvironmentSeal seal() {
        return seal;
    }

    /** Opens a new connection to the database in {@code dataDir}, creating the directory and migrating. */
    static Connection open(Path dataDir) {
        try {
            PrivateDataDir.createFolder(dataDir);
            PrivateDataDir.createFile(dataDir.resolve(SqliteFunctionStore.FILE_NAME)); // its WAL and SHM get its mode
        } catch (IOException e) {
            throw new StoreException("Cannot create " + dataDir, e);
        }
        return SqliteDatabase.open(dataDir.resolve(SqliteFunctionStore.FILE_NAME));
    }

    <T> T run(SqlWork<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("The " + storeName + " is closed");
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("Database failure: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T transaction(SqlWork<T> work) {
        return run(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("Cannot close the database", e);
        } finally {
            lock.unlock();
        }
    }
}
