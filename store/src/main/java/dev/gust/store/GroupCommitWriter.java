package dev.gust.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that owns a SQLite connection and runs the work submitted to it in batches, one transaction per
 * batch, so that a single fsync makes many writes durable (group commit).
 *
 * <p><b>Algorithm.</b> The thread takes the first waiting task (blocking while there is none), adds every task
 * that is already waiting, up to {@link #MAX_BATCH_TASKS} tasks or {@link #MAX_BATCH_BYTES}, and runs them in
 * order inside {@code BEGIN IMMEDIATE … COMMIT}. Only after the commit returns (the WAL is fsynced, see
 * {@link SqliteDatabase}) are the tasks' futures completed. There is no waiting for a batch to fill: while one
 * commit is being fsynced the next batch accumulates, so batches grow exactly as fast as load does. If a batch
 * fails, it is rolled back and its tasks are run again one transaction each, so one bad task fails alone.
 *
 * <p><b>Back-pressure.</b> Waiting work is bounded by {@link #MAX_PENDING_BYTES} of declared weight (payload
 * sizes); beyond it, {@link #submit} fails at once with {@link RejectedExecutionException} instead of blocking
 * the caller, which may be an event loop.
 *
 * <p>Thread-safe. The connection and everything prepared on it are used only by the writer thread. Futures
 * complete on the writer thread. {@link #close()} runs what was submitted before it, then stops the thread; it
 * does not close the connection.
 */
final class GroupCommitWriter implements AutoCloseable {

    static final int MAX_BATCH_TASKS = 2_000;
    static final long MAX_BATCH_BYTES = 16L << 20;
    static final long MAX_PENDING_BYTES = 256L << 20;

    /** What every task weighs on top of its payload. */
    static final long TASK_OVERHEAD_BYTES = 256;

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** Work run on the writer thread inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private record Task<T>(Work<T> work, CompletableFuture<T> future, long weight) {
    }

    private static final Task<Void> STOP = new Task<>(() -> null, new CompletableFuture<>(), 0);

    private final Connection connection;
    private final LinkedBlockingQueue<Task<?>> waiting = new LinkedBlockingQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Thread thread;
    private boolean closed;

    GroupCommitWriter(Connection connection, String threadName) {
        this.connection = connection;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::loop);
        thread.start();
    }

    /**
     * Queues {@code work} for the next batch.
     *
     * @param payloadBytes the size of the data the work writes, counted against the back-pressure bound
     * @return completes with the work's result after its transaction committed
     */
    <T> CompletableFuture<T> submit(Work<T> work, long payloadBytes) {
        long weight = payloadBytes + TASK_OVERHEAD_BYTES;
        if (pendingBytes.addAndGet(weight) > MAX_PENDING_BYTES) {
            pendingBytes.addAndGet(-weight);
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    "Too many writes waiting for the database: more than " + MAX_PENDING_BYTES + " bytes"));
        }
        Task<T> task = new Task<>(work, new CompletableFuture<>(), weight);
        synchronized (this) {
            if (closed) {
                pendingBytes.addAndGet(-weight);
                return CompletableFuture.failedFuture(new IllegalStateException("The event queue is closed"));
            }
            waiting.add(task);
        }
        return task.future();
    }

    /** Whether the caller is the writer thread, which must never wait for its own futures. */
    boolean isWriterThread() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void close() {
        if (isWriterThread()) {
            throw new IllegalStateException("Cannot close the event queue from its own writer thread");
        }
        synchronized (this) {
            if (!closed) {
                closed = true;
                waiting.add(STOP);
            }
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Task<?>> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            batch.clear();
            stopping = take(batch);
            if (!batch.isEmpty()) {
                try {
                    runTogether(batch);
                } catch (Throwable t) { // keep serving: a dead writer would leave every future hanging
                    LOG.error("Event queue writer failed a batch", t);
                    batch.forEach(task -> task.future().completeExceptionally(t));
                }
            }
        }
    }

    /** Fills {@code batch} with the next tasks; {@code true} when the stop marker was reached. */
    private boolean take(List<Task<?>> batch) {
        Task<?> task;
        try {
            task = waiting.take();
        } catch (InterruptedException e) {
            return false; // nobody interrupts this thread on purpose; just carry on
        }
        long bytes = 0;
        while (task != STOP) {
            batch.add(task);
            bytes += task.weight();
            if (batch.size() >= MAX_BATCH_TASKS || bytes >= MAX_BATCH_BYTES) {
                break;
            }
            task = waiting.poll();
            if (task == null) {
                break;
            }
        }
        pendingBytes.addAndGet(-bytes);
        return task == STOP;
    }

    private void runTogether(List<Task<?>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try {
            execute("BEGIN IMMEDIATE");
            for (Task<?> task : batch) {
                results.add(task.work().run());
            }
            execute("COMMIT");
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            if (batch.size() == 1) {
                batch.getFirst().future().completeExceptionally(failure(e));
            } else {
                batch.forEach(task -> runTogether(List.of(task)));
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), results.get(i));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Task<T> task, Object result) {
        task.future().complete((T) result);
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            if (!connection.isClosed()) {
                execute("ROLLBACK");
            }
        } catch (SQLException e) {
            cause.addSuppressed(e); // "no transaction is active" when BEGIN itself failed
        }
    }

    private static RuntimeException failure(Exception e) {
        return e instanceof SQLException ? new StoreException("Database failure: " + e.getMessage(), e)
                : (RuntimeException) e;
    }
}
