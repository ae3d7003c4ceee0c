package dev.gust.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The embedded {@link EventQueue}: table {@code event_queue} in {@code <dataDir>/gust.db}, written through one
 * connection by a {@link GroupCommitWriter}, so that concurrent enqueues share transactions and fsyncs.
 *
 * <p>Every operation, reads included, runs on the writer thread in submission order; claims choose events with
 * a {@link FairClaimer}. Thread-safe. Shares the database file with {@link SqliteFunctionStore} and
 * {@link SqliteEventInvokeConfigStore}, each on its own connection (SQLite serialises their writers). Usable
 * until {@link #close()}.
 */
public final class SqliteEventQueue implements EventQueue {

    private final Connection connection;
    private final EventQueueSql sql;
    private final FairClaimer claimer = new FairClaimer();
    private final GroupCommitWriter writer;

    /** Opens (creating and migrating if needed) the database in {@code dataDir} and starts the writer. */
    public SqliteEventQueue(Path dataDir) {
        connection = LockedConnection.open(dataDir);
        sql = new EventQueueSql(connection);
        writer = new GroupCommitWriter(connection, "gust-event-queue-writer");
    }

    @Override
    public CompletionStage<Void> enqueue(QueuedEvent event) {
        Objects.requireNonNull(event, "event");
        return writer.submit(() -> {
            sql.insert(event);
            return null;
        }, event.payload().length);
    }

    @Override
    public CompletionStage<List<QueuedEvent>> claim(ClaimRequest request) {
        Objects.requireNonNull(request, "request");
        return writer.submit(() -> claimer.claim(sql, request), 0);
    }

    @Override
    public CompletionStage<Boolean> complete(String requestId, String owner) {
        return writer.submit(() -> sql.delete(requestId, owner), 0);
    }

    @Override
    public CompletionStage<Boolean> reschedule(String requestId, String owner, int attempts, Instant nextAttemptAt) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        Instant at = nextAttemptAt.truncatedTo(ChronoUnit.MICROS);
        return writer.submit(() -> sql.reschedule(requestId, owner, attempts, at), 0);
    }

    @Override
    public CompletionStage<Integer> releaseAll(String owner) {
        Objects.requireNonNull(owner, "owner");
        return writer.submit(() -> sql.release(owner), 0);
    }

    /**
     * Clears every lease, whoever holds it. Only correct while no other process uses the queue: at the start of
     * the one server of a data directory (see {@link EmbeddedStorage}), when every lease belongs to a process
     * that is gone.
     *
     * @return how many leases were cleared
     */
    public CompletionStage<Integer> releaseEveryLease() {
        return writer.submit(() -> sql.release(null), 0);
    }

    @Override
    public CompletionStage<List<QueueDepth>> depths() {
        return writer.submit(sql::depths, 0);
    }

    @Override
    public CompletionStage<Integer> deleteFunction(String functionName) {
        return writer.submit(() -> sql.deleteFunction(functionName), 0);
    }

    @Override
    public void close() {
        writer.close(); // runs what was submitted, then stops: the connection is ours again
        try {
            sql.close();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("Cannot close the database", e);
        }
    }
}
