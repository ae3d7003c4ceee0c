package dev.gust.store;

import dev.gust.core.Account;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The single-node storage of one data directory: in {@code <dataDir>/gust.db} a {@link SqliteFunctionStore},
 * a {@link SqliteVersionStore}, a {@link SqliteLayerStore}, a {@link SqliteEventQueue}, a
 * {@link SqliteEventInvokeConfigStore}, a {@link SqliteReservedConcurrencyStore}, a
 * {@link SqliteProvisionedConcurrencyStore}, a {@link SqliteFunctionPolicyStore}, a {@link SqliteIdentityStore}, a
 * {@link SqliteRestApiStore}, a {@link SqliteHttpApiStore}, a {@link SqliteSnsStore} and a
 * {@link SqliteEventSourceMappingStore}; in {@code <dataDir>/code/} a {@link FileCodeStore}.
 *
 * <p>Every regional store is a view of one namespace (an account and a region; see {@link FunctionStore#in}): the
 * getters give the views of the default namespace this storage was opened with, whose {@code in} gives any other.
 * Rows written before there were namespaces belong to that default. The code store and the event queue are shared
 * by every namespace (queued events name their function by its ARN).
 *
 * <p>{@link #open} deletes the packages no function and no layer version references: those orphaned by a crash
 * between storing
 * code and writing its metadata. It also clears every lease in the event queue: they belong to the previous
 * server of this data directory, which is gone, so their events are delivered again (at least once) without
 * waiting for the leases to expire. Precondition: the caller holds an exclusive lock on the data directory (the
 * server's {@code gust.lock}), because opening also wipes {@code code/tmp/}, where another process could be
 * staging a package, and takes over every lease. Thread-safe, as are all stores; after {@link #close()} the
 * stores must not be used.
 */
public final class EmbeddedStorage implements AutoCloseable {

    /** The stores opened so far, most recent first: closed in that order. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final SqliteFunctionStore functions;
    private final FileCodeStore code;
    private final SqliteEventQueue events;
    private final SqliteEventInvokeConfigStore eventInvokeConfigs;
    private final SqliteVersionStore versions;
    private final SqliteReservedConcurrencyStore reservedConcurrency;
    private final SqliteProvisionedConcurrencyStore provisionedConcurrency;
    private final SqliteFunctionPolicyStore policies;
    /** Function URL configs ({@link SqliteFunctionUrlStore}), the default namespace's view. */
    private final SqliteFunctionUrlStore functionUrls;
    private final SqliteLayerStore layers;
    private final SqliteIdentityStore identities;
    private final SqliteRestApiStore restApis;
    private final SqliteHttpApiStore httpApis;
    private final SqliteSnsStore sns;
    /** Lambda's event source mappings ({@link SqliteEventSourceMappingStore}), the default namespace's view. */
    private final SqliteEventSourceMappingStore eventSourceMappings;

    private EmbeddedStorage(Path dataDir, Account defaults, ZipLimits limits, Clock clock) {
        functions = track(() -> new SqliteFunctionStore(dataDir)).in(defaults);
        versions = track(() -> new SqliteVersionStore(dataDir)).in(defaults);
        layers = track(() -> new SqliteLayerStore(dataDir)).in(defaults);
        code = guarded(() -> {
            FileCodeStore store = new FileCodeStore(dataDir.resolve("code"), limits, clock, FileCodeStore.DEFAULT_GRACE);
            store.retainOnly(livePackages(functions, layers));
            return store;
        });
        eventInvokeConfigs = track(() -> new SqliteEventInvokeConfigStore(dataDir)).in(defaults);
        reservedConcurrency = track(() -> new SqliteReservedConcurrencyStore(dataDir)).in(defaults);
        provisionedConcurrency = track(() -> new SqliteProvisionedConcurrencyStore(dataDir)).in(defaults);
        policies = track(() -> new SqliteFunctionPolicyStore(dataDir)).in(defaults);
        functionUrls = track(() -> new SqliteFunctionUrlStore(dataDir)).in(defaults);
        identities = track(() -> new SqliteIdentityStore(dataDir));
        restApis = track(() -> new SqliteRestApiStore(dataDir));
        httpApis = track(() -> new SqliteHttpApiStore(dataDir));
        sns = track(() -> new SqliteSnsStore(dataDir));
        eventSourceMappings = track(() -> new SqliteEventSourceMappingStore(dataDir)).in(defaults);
        events = track(() -> new SqliteEventQueue(dataDir)); // last opened, first closed: it drains its writes
        events.releaseEveryLease().toCompletableFuture().join();
    }

    /** Opens the storage in {@code dataDir} with Lambda's package limits and the system clock. */
    public static EmbeddedStorage open(Path dataDir, Account defaults) {
        return open(dataDir, defaults, ZipLimits.LAMBDA, Clock.systemUTC());
    }

    /**
     * Opens the storage in {@code dataDir}, creating it if needed; on failure closes what it had opened.
     *
     * @param defaults the default namespace: the getters' views, and where rows older than namespaces belong
     */
    public static EmbeddedStorage open(Path dataDir, Account defaults, ZipLimits limits, Clock clock) {
        return SqliteDatabase.migratedOnce(dataDir.resolve(SqliteFunctionStore.FILE_NAME), defaults,
                () -> new EmbeddedStorage(dataDir, defaults, limits, clock));
    }

    private <T extends AutoCloseable> T track(Supplier<T> opener) {
        T store = guarded(opener);
        opened.push(store);
        return store;
    }

    /** Runs one step of opening; if it fails, closes what was opened before and rethrows. */
    private <T> T guarded(Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * The packages that must stay stored: those of functions (their code and layers) and of layer versions, in
     * every namespace.
     */
    public static Set<String> livePackages(FunctionStore functions, LayerStore layers) {
        Set<String> live = new HashSet<>(functions.referencedPackages());
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

    /** The published versions and aliases of functions. */
    public VersionStore versions() {
        return versions;
    }

    /** The asynchronous invocation settings of functions. */
    public EventInvokeConfigStore eventInvokeConfigs() {
        return eventInvokeConfigs;
    }

    /** Layers and their versions. */
    public LayerStore layers() {
        return layers;
    }

    /** Reserved concurrency per function. */
    public ReservedConcurrencyStore reservedConcurrency() {
        return reservedConcurrency;
    }

    /** Function URL configs per function and alias. */
    public FunctionUrlStore functionUrls() {
        return functionUrls;
    }

    /** Provisioned concurrency configs per version and alias. */
    public ProvisionedConcurrencyStore provisionedConcurrency() {
        return provisionedConcurrency;
    }

    /** The resource-based policies of functions, versions and aliases. */
    public FunctionPolicyStore policies() {
        return policies;
    }

    /** IAM's and Organizations' state: users, roles, managed policies, accounts. */
    public IdentityStore identities() {
        return identities;
    }

    /** API Gateway's REST APIs and their deployments, in every namespace. */
    public RestApiStore restApis() {
        return restApis;
    }

    /** API Gateway's HTTP APIs, of every namespace. */
    public HttpApiStore httpApis() {
        return httpApis;
    }

    /** SNS's topics, subscriptions and delivery outbox, of every namespace. */
    public SnsStore sns() {
        return sns;
    }

    /** Lambda's event source mappings, per namespace (the default namespace's view). */
    public EventSourceMappingStore eventSourceMappings() {
        return eventSourceMappings;
    }

    /** Closes the stores, the most recently opened first; the event queue first finishes what it has started. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
