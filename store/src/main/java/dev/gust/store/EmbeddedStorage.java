package dev.gust.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The single-node storage of one data directory: in {@code <dataDir>/gust.db} a {@link SqliteFunctionStore},
 * a {@link SqliteEventQueue}, a {@link SqliteEventInvokeConfigStore} and a {@link SqliteLayerStore}; in {@code <dataDir>/code/} a
 * {@link FileCodeStore}.
 *
 * <p>{@link #open} deletes the packages no function and no layer version references: those orphaned by a crash between storing
 * code and writing its metadata. It also clears every lease in the event queue: they belong to the previous
 * server of this data directory, which is gone, so their events are delivered again (at least once) without
 * waiting for the leases to expire. Precondition: the caller holds an exclusive lock on the data directory (the
 * server's {@code gust.lock}), because opening also wipes {@code code/tmp/}, where another process could be
 * staging a package, and takes over every lease. Thread-safe, as are all stores; after {@link #close()} the
 * stores must not be used.
 */
public final class EmbeddedStorage implements AutoCloseable {

    private final SqliteFunctionStore functions;
    private final FileCodeStore code;
    private final SqliteEventQueue events;
    private final SqliteEventInvokeConfigStore eventInvokeConfigs;
    private final SqliteLayerStore layers;

    private EmbeddedStorage(SqliteFunctionStore functions, FileCodeStore code, SqliteEventQueue events,
            SqliteEventInvokeConfigStore eventInvokeConfigs, SqliteLayerStore layers) {
        this.functions = functions;
        this.code = code;
        this.events = events;
        this.eventInvokeConfigs = eventInvokeConfigs;
        this.layers = layers;
    }

    /** Opens the storage in {@code dataDir} with Lambda's package limits and the system clock. */
    public static EmbeddedStorage open(Path dataDir) {
        return open(dataDir, ZipLimits.LAMBDA, Clock.systemUTC());
    }

    /** Opens the storage in {@code dataDir}, creating it if needed. */
    public static EmbeddedStorage open(Path dataDir, ZipLimits limits, Clock clock) {
        SqliteFunctionStore functions = new SqliteFunctionStore(dataDir);
        SqliteEventInvokeConfigStore configs = null;
        SqliteEventQueue events = null;
        SqliteLayerStore layers = null;
        try {
            layers = new SqliteLayerStore(dataDir);
            FileCodeStore code = new FileCodeStore(dataDir.resolve("code"), limits, clock, FileCodeStore.DEFAULT_GRACE);
            code.retainOnly(livePackages(functions, layers));
            configs = new SqliteEventInvokeConfigStore(dataDir);
            events = new SqliteEventQueue(dataDir);
            events.releaseEveryLease().toCompletableFuture().join();
            return new EmbeddedStorage(functions, code, events, configs, layers);
        } catch (RuntimeException e) {
            if (layers != null) {
                layers.close();
            }
            if (events != null) {
                events.close();
            }
            if (configs != null) {
                configs.close();
            }
            functions.close();
            throw e;
        }
    }

    /** The packages that must stay stored: those of functions (their code and layers) and of layer versions. */
    public static java.util.Set<String> livePackages(FunctionStore functions, LayerStore layers) {
        java.util.Set<String> live = new java.util.HashSet<>(functions.referencedPackages());
        live.addAll(layers.referencedPackages());
        return live;
    }

    public FunctionStore functions() {
        return functions;
    }

    public CodeStore code() {
        return code;
    }

    /** The queue of asynchronous invocations. */
    public EventQueue events() {
        return events;
    }

    /** The asynchronous invocation settings of functions. */
    public EventInvokeConfigStore eventInvokeConfigs() {
        return eventInvokeConfigs;
    }

    /** Layers and their versions. */
    public LayerStore layers() {
        return layers;
    }

    /** Closes the stores; the event queue first finishes the operations already started. */
    @Override
    public void close() {
        try {
            events.close();
        } finally {
            try {
                eventInvokeConfigs.close();
            } finally {
                try {
                    layers.close();
                } finally {
                    functions.close();
                }
            }
        }
    }
}
