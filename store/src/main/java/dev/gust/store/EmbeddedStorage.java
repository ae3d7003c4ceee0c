package dev.gust.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The single-node storage of one data directory: a {@link SqliteFunctionStore} in {@code <dataDir>/gust.db}
 * and a {@link FileCodeStore} in {@code <dataDir>/code/}.
 *
 * <p>{@link #open} deletes the packages no function references: those orphaned by a crash between storing
 * code and writing its metadata. Precondition: the caller holds an exclusive lock on the data directory (the
 * server's {@code gust.lock}), because opening also wipes {@code code/tmp/}, where another process could be
 * staging a package. Thread-safe, as are both stores; after {@link #close()} the stores must not be used.
 */
public final class EmbeddedStorage implements AutoCloseable {

    private final SqliteFunctionStore functions;
    private final FileCodeStore code;

    private EmbeddedStorage(SqliteFunctionStore functions, FileCodeStore code) {
        this.functions = functions;
        this.code = code;
    }

    /** Opens the storage in {@code dataDir} with Lambda's package limits and the system clock. */
    public static EmbeddedStorage open(Path dataDir) {
        return open(dataDir, ZipLimits.LAMBDA, Clock.systemUTC());
    }

    /** Opens the storage in {@code dataDir}, creating it if needed. */
    public static EmbeddedStorage open(Path dataDir, ZipLimits limits, Clock clock) {
        SqliteFunctionStore functions = new SqliteFunctionStore(dataDir);
        try {
            FileCodeStore code = new FileCodeStore(dataDir.resolve("code"), limits, clock, FileCodeStore.DEFAULT_GRACE);
            code.retainOnly(functions.referencedPackages());
            return new EmbeddedStorage(functions, code);
        } catch (RuntimeException e) {
            functions.close();
            throw e;
        }
    }

    public FunctionStore functions() {
        return functions;
    }

    public CodeStore code() {
        return code;
    }

    @Override
    public void close() {
        functions.close();
    }
}
