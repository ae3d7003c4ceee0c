package dev.gust.engine;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.core.ProvisionedConcurrency;
import dev.gust.core.credentials.RoleSessions;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.Invoker;
import dev.gust.core.invoke.ResponseStream;
import dev.gust.runtimeapi.RuntimeApiEndpoint;
import dev.gust.runtimeapi.RuntimeApiEndpoints;
import dev.gust.sandbox.InstanceNetworks;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxSpec;
import dev.gust.sandbox.SandboxUser;
import dev.gust.sandbox.SandboxUsers;
import dev.gust.sandbox.SandboxedProcess;
import dev.gust.store.CodeStore;
import dev.gust.store.FunctionRecord;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
/**
 * The execution engine: runs synchronous invocations on pooled, sandboxed instances, one pool per function version
 * ({@code $LATEST} or a published version; aliases resolve to one of those through {@link QualifierResolver}),
 * enforces the machine's concurrency limit and reserved concurrency ({@link ConcurrencyLimits}), drains the instances of replaced versions and reaps idle ones.
 * {@code $LATEST}'s pool is drained when the function changes; a published version's pool only when that version
 * or the function is deleted. Published versions can keep provisioned instances ({@link #provision}), whose
 * concurrency is held in {@link ConcurrencyLimits}. Every instance gets temporary credentials of its function's
 * execution role and the edge's address ({@link InstanceCredentials}) and lives at most
 * {@link Settings#maxLifetime()}: then an idle on-demand instance is reaped and a provisioned one replaced, so that
 * no instance outlives its credentials.
 *
 * <p>One engine serves every namespace (account and region): its pools, drains, aliases and provisioned counts
 * are keyed by namespace, and reserved concurrency by function ARN, while the concurrency limit and the sandbox's
 * host users are the machine's and shared. The control plane of one namespace talks to {@link #in}. Thread-safe.
 */
public final class Engine implements Invoker, AutoCloseable {

    private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private final FunctionStore functions;
    private final VersionStore versions;
    private final Map<Account, QualifierResolver> resolvers = new ConcurrentHashMap<>();
    private final CodeStore code;
    private final Sandbox sandbox;
    private final RuntimeApiEndpoints endpoints;
    private final RuntimeCatalog catalog;
    private final RuntimeCommands commands;
    private final Path logDir;
    private final ConcurrencyLimits concurrency;
    private final long keepAliveNanos;
    private final long maxLifetimeNanos;
    private final long initTimeoutNanos;
    private final long logQuotaBytes;
    private final InstanceCredentials credentials;
    private final Clocks clocks;
    private final SandboxUsers users;
    private final InstanceNetworking networking;
    private final Map<PoolKey, FunctionPool> pools = new ConcurrentHashMap<>();
    /** Drains that pool loads in flight must notice; bounded by those loads. */
    private final DrainLog<PoolKey> drains = new DrainLog<>();
    /** Provisioned instances wanted per version (absent: none); a pool takes its count when it is created. */
    private final Map<PoolKey, Integer> provisioned = new ConcurrentHashMap<>();
    private final ExecutorService blocking = Executors.newVirtualThreadPerTaskExecutor();
    /** How long {@link #close} waits for instances to stop (a tree's exit, its cgroup's removal). */
    private static final long STOP_WAIT_SECONDS = 15;
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private final ScheduledExecutorService timers = timers();

    /**
     * Settings of the engine.
     *
     * @param users the host users given one per instance when the sandbox makes them distinct host uids
     * @param maxLifetime the longest an instance lives, busy or idle, provisioned or not; each instance retires
     *     somewhat earlier (up to a tenth, at random), so that instances started together are not replaced together
     * @param initTimeout the bound of an init phase (Lambda's is 10 s); an init retried within an invocation after
     *     it timed out is bounded by the function's timeout instead
     * @param logQuotaBytes how much of its own output an instance may write to its log stream; the rest is dropped
     * @param nodeSdk the AWS SDK for JavaScript v3 that Node.js functions find at {@code /var/runtime/node_modules}
     *     (a {@code node_modules} directory, see {@code NodeSdk}), or {@code null} for none
     * @param networks each instance's own network, when instances have distinct users ({@link InstanceNetworking})
     */
    public record Settings(Path runtimeDir, Path logDir, int concurrencyLimit, Duration keepAlive, SandboxUsers users,
            Duration maxLifetime, Duration initTimeout, long logQuotaBytes, Path nodeSdk, InstanceNetworks networks) {

        /** Lambda's bound on an on-demand init phase. */
        public static final Duration LAMBDA_INIT_TIMEOUT = Duration.ofSeconds(InitPhase.INIT_TIMEOUT_SECONDS);
        /** The default {@code log-quota}: 64 MiB of output per log stream (per instance). */
        public static final long DEFAULT_LOG_QUOTA_BYTES = 64L << 20;

        /** Settings with Lambda's init timeout, the default log quota, no Node.js SDK and the host's network. */
        public Settings(Path runtimeDir, Path logDir, int concurrencyLimit, Duration keepAlive, SandboxUsers users,
                Duration maxLifetime) {
            this(runtimeDir, logDir, concurrencyLimit, keepAlive, users, maxLifetime,
                    LAMBDA_INIT_TIMEOUT, DEFAULT_LOG_QUOTA_BYTES, null, InstanceNetworks.host());
        }
    }

    /** The pool of one version of one function of one namespace. */
    private record PoolKey(Account account, String functionName, String version) {

        boolean isOf(Account otherAccount, String otherFunction) {
            return account.equals(otherAccount) && functionName.equals(otherFunction);
        }

        /** The key that stands for every version of this function in the {@link DrainLog}: drained on deletion. */
        PoolKey everyVersion() {
            return new PoolKey(account, functionName, "*");
        }
    }

    /**
     * @param functions the functions of every namespace (views of it are taken per namespace)
     * @param versions the published versions and aliases of every namespace
     * @param sessions opens the sessions of execution roles whose credentials instances get
     * @param endpointUrl where instances reach Gust's edge ({@code AWS_ENDPOINT_URL}), asked at each instance start
     *     on a virtual thread (it may block briefly, until the server listens)
     */
    public Engine(FunctionStore functions, VersionStore versions, CodeStore code, Sandbox sandbox,
            RuntimeApiEndpoints endpoints, RuntimeCatalog catalog, Settings settings, Clocks clocks,
            RoleSessions sessions, Supplier<String> endpointUrl) {
        this.functions = functions;
        this.versions = versions;
        this.code = code;
        this.sandbox = sandbox;
        this.endpoints = endpoints;
        this.catalog = catalog;
        this.commands = new RuntimeCommands(catalog, settings.runtimeDir(), settings.nodeSdk());
        this.logDir = settings.logDir();
        this.concurrency = new ConcurrencyLimits(settings.concurrencyLimit());
        this.keepAliveNanos = settings.keepAlive().toNanos();
        this.maxLifetimeNanos = settings.maxLifetime().toNanos();
        this.initTimeoutNanos = settings.initTimeout().toNanos();
        this.logQuotaBytes = settings.logQuotaBytes();
        this.credentials = new InstanceCredentials(sessions, endpointUrl, settings.maxLifetime());
        this.clocks = clocks;
        this.users = sandbox.capabilities().distinctHostUsers() ? settings.users() : null;
        this.networking = new InstanceNetworking(settings.networks(), users, endpointUrl, blocking);
        long period = Math.max(100, Math.min(1000, settings.keepAlive().toMillis() / 4));
        timers.scheduleWithFixedDelay(new SurvivingTask("the reaper", this::reap), period, period,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<InvocationResult> invoke(InvocationRequest request) {
        return run(request, null);
    }

    /**
     * Runs an invocation as {@link #invoke} does (the same pools, concurrency, throttling, timeouts), its response
     * going to {@code stream} as the runtime writes it: a runtime that streams ({@code awslambda.streamifyResponse})
     * is read chunk by chunk with back-pressure, one that answers in one piece is one chunk.
     */
    @Override
    public CompletionStage<InvocationResult> invokeWithResponseStream(InvocationRequest request,
            ResponseStream stream) {
        return run(request, stream);
    }

    private CompletionStage<InvocationResult> run(InvocationRequest request, ResponseStream stream) {
        Account account = request.account();
        return pool(account, request.functionName(), request.qualifier()).thenCompose(pool -> pool.invoke(request,
                concurrency.poolOf(account.functionArn(request.functionName())), stream));
    }

    @Override
    public CompletionStage<Void> dryRun(Account account, String functionName, Optional<String> qualifier) {
        return pool(account, functionName, qualifier).thenApply(pool -> null);
    }

    @Override
    public boolean reservesZeroConcurrency(Account account, String functionName) {
        return concurrency.find(account.functionArn(functionName)).equals(OptionalInt.of(0));
    }

    /** The machine's concurrency limit and the functions' reservations (keyed by function ARN) this engine enforces. */
    public ConcurrencyLimits concurrency() {
        return concurrency;
    }

    /** This engine as the control plane of {@code account} sees it: function changes and provisioned instances. */
    public EngineNamespace in(Account account) {
        return new EngineNamespace(this, account);
    }

    /** {@code $LATEST} changed: its instances drain; published versions keep theirs. */
    void changed(Account account, String functionName) {
        drain(new PoolKey(account, functionName, FunctionConfiguration.LATEST));
    }

    void deleted(Account account, String functionName) {
        resolver(account).functionDeleted(functionName);
        provisioned.keySet().removeIf(key -> key.isOf(account, functionName));
        concurrency.provision(account.functionArn(functionName), 0);
        drains.drained(new PoolKey(account, functionName, FunctionConfiguration.LATEST).everyVersion());
        pools.keySet().stream().filter(key -> key.isOf(account, functionName)).toList().forEach(this::drain);
    }

    void versionDeleted(Account account, String functionName, String version) {
        drain(new PoolKey(account, functionName, version));
    }

    void aliasChanged(Account account, String functionName, String aliasName) {
        resolver(account).aliasChanged(functionName, aliasName);
    }

    /**
     * Keeps {@code instances} provisioned instances of a published version: holds the function's total provisioned
     * count in {@link ConcurrencyLimits} at once, and loads the version's pool (from the store, in the background) to
     * start its instances.
     */
    void provision(Account account, String functionName, String version, int instances) {
        PoolKey key = new PoolKey(account, functionName, version);
        if (instances > 0) {
            provisioned.put(key, instances);
        } else {
            provisioned.remove(key);
        }
        concurrency.provision(account.functionArn(functionName), provisioned.entrySet().stream()
                .filter(entry -> entry.getKey().isOf(account, functionName))
                .mapToInt(Map.Entry::getValue).sum());
        FunctionPool existing = pools.get(key);
        if (existing != null) {
            existing.provision(instances);
        } else if (instances > 0) {
            pool(key, Optional.of(version)); // a new pool provisions itself
        }
    }

    ProvisionedConcurrency.Allocation allocation(Account account, String functionName, String version) {
        return allocation(new PoolKey(account, functionName, version));
    }

    private ProvisionedConcurrency.Allocation allocation(PoolKey key) {
        FunctionPool pool = pools.get(key);
        return pool != null ? pool.allocation()
                : new ProvisionedConcurrency.Allocation(provisioned.getOrDefault(key, 0), 0, Optional.empty());
    }

    private QualifierResolver resolver(Account account) {
        return resolvers.computeIfAbsent(account, a -> new QualifierResolver(a, versions.in(a), blocking,
                () -> ThreadLocalRandom.current().nextDouble()));
    }

    private void drain(PoolKey key) {
        drains.drained(key);
        FunctionPool old = pools.remove(key);
        if (old != null) {
            old.drain();
        }
    }

    /** Which sandbox and which interpreters serve functions, for the health endpoint and the startup banner. */
    public Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("sandbox", sandbox.capabilities().description());
        description.put("network", networking.description());
        description.put("runtimes", catalog.describe());
        description.put("instances", pools.values().stream().mapToInt(FunctionPool::size).sum());
        description.put("concurrency", concurrency.describe());
        Map<String, Object> provisionedInstances = new TreeMap<>();
        provisioned.keySet().forEach(key -> {
            ProvisionedConcurrency.Allocation allocation = allocation(key);
            provisionedInstances.put(key.account().functionArn(key.functionName(), key.version()),
                    Map.of("requested", allocation.requested(), "ready", allocation.ready()));
        });
        description.put("provisioned", provisionedInstances);
        return description;
    }

    /** The pool of the version that runs an invocation with {@code qualifier}. */
    private CompletableFuture<FunctionPool> pool(Account account, String name, Optional<String> qualifier) {
        return resolver(account).version(name, qualifier)
                .thenCompose(version -> pool(new PoolKey(account, name, version), qualifier));
    }

    private CompletableFuture<FunctionPool> pool(PoolKey key, Optional<String> qualifier) {
        FunctionPool pool = pools.get(key);
        if (pool != null) {
            return CompletableFuture.completedFuture(pool);
        }
        long loadStarted = drains.loadStarted();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return load(key, qualifier, loadStarted);
            } finally {
                drains.loadEnded(loadStarted);
            }
        }, blocking);
    }

    private boolean drainedSince(PoolKey key, long loadStarted) {
        return drains.drainedSince(key, loadStarted) || drains.drainedSince(key.everyVersion(), loadStarted);
    }

    /** Reads a version's configuration and caches its pool, unless it was drained since the load started. */
    private FunctionPool load(PoolKey key, Optional<String> qualifier, long loadStarted) {
        FunctionConfiguration function = configuration(key).orElseThrow(() -> LambdaException.functionNotFound(
                key.account().functionArn(key.functionName(), qualifier.orElse(FunctionConfiguration.LATEST))));
        FunctionPool loaded = new FunctionPool((type, phase) -> start(key.account(), function, type, phase));
        if (drainedSince(key, loadStarted)) {
            loaded.drain(); // changed while loading: serve this call on a pool that stops its instance after
            return loaded;
        }
        FunctionPool cached = pools.computeIfAbsent(key, k -> loaded);
        if (cached != loaded) {
            return cached;
        }
        if (drainedSince(key, loadStarted)) { // drained between the check and the caching
            pools.remove(key, loaded);
            loaded.drain();
            return loaded;
        }
        int applied;
        do { // Engine.provision may change the count meanwhile: the pool ends with the latest one
            applied = provisioned.getOrDefault(key, 0);
            loaded.provision(applied);
        } while (applied != provisioned.getOrDefault(key, 0));
        return loaded;
    }

    private Optional<FunctionConfiguration> configuration(PoolKey key) {
        return key.version().equals(FunctionConfiguration.LATEST)
                ? functions.in(key.account()).find(key.functionName()).map(FunctionRecord::configuration)
                : versions.in(key.account()).findVersion(key.functionName(), key.version());
    }

    /**
     * Starts an instance: its own host user (when the sandbox supports that), its Runtime API endpoint admitting
     * only that user, then its sandboxed process. The user returns to the range once the process has exited.
     */
    private CompletableFuture<Instance> start(Account account, FunctionConfiguration function,
            InitializationType type, InitPhase phase) {
        String stream = STREAM_DATE.format(clocks.wall().instant()) + "/[" + function.version() + "]"
                + UUID.randomUUID().toString().replace("-", "");
        SandboxUser user = users == null ? SandboxUser.LAMBDA : users.lease();
        LogStream log;
        try {
            log = LogStream.create(logDir, account, function.functionName(), stream, logQuotaBytes);
        } catch (RuntimeException e) {
            release(user);
            throw e;
        }
        catalog.substitution(function.runtime()).ifPresent(note -> log.append("Gust: " + note + "\n"));
        Instance instance = new Instance(function, account.functionArn(function.functionName()), log, clocks, timers,
                blocking, type, phase, phase == InitPhase.INIT ? initTimeoutNanos
                        : TimeUnit.SECONDS.toNanos(function.timeout()), lifetimeNanos());
        InstanceNetworking.Attachment network = networking.attach(user);
        return endpoints.open(instance, network.binding()).toCompletableFuture().thenApplyAsync(endpoint -> {
            instance.attach(endpoint);
            Optional<String> invalidEntrypoint = Entrypoints.problem(function, code);
            if (invalidEntrypoint.isPresent()) { // nothing to launch: the first invocation gets Lambda's error
                network.close();
                release(user);
                instance.refuse("Runtime.InvalidEntrypoint", invalidEntrypoint.get());
                return instance;
            }
            SandboxedProcess process;
            try {
                process = sandbox.launch(spec(account, function, stream, endpoint, network, user, type),
                        log.functionOutput());
            } catch (IOException | RuntimeException e) {
                instance.close(); // its endpoint and its log file; the network and the user are released below
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
            process.onExit().whenComplete((exit, failure) -> afterExit(() -> {
                network.close(); // before the user: its slot names the network
                release(user);
            }));
            instance.attach(process);
            return instance;
        }, blocking).whenComplete((started, failure) -> {
            if (failure != null) {
                network.close();
                release(user);
            }
        }).thenCompose(started -> started.ready().handle((ok, failure) -> started));
    }

    /** This instance's lifetime: the maximum less up to a tenth, so that instances started together retire apart. */
    private long lifetimeNanos() {
        return maxLifetimeNanos - ThreadLocalRandom.current().nextLong(maxLifetimeNanos / 10 + 1);
    }

    /** Runs an instance's cleanup off the thread that reports process exits; inline once the engine is closing. */
    private void afterExit(Runnable cleanup) {
        try {
            blocking.execute(cleanup);
        } catch (RejectedExecutionException e) {
            cleanup.run();
        }
    }

    private void release(SandboxUser user) {
        if (users != null) {
            users.release(user);
        }
    }

    /**
     * The X-Ray daemon variables every Lambda function sees, tracing active or not, as recorded on AWS in January 2026
     * (test_lambda_common.snapshot.json, every runtime); nothing listens there in Gust.
     */
    private static final Map<String, String> XRAY = Map.of("AWS_XRAY_CONTEXT_MISSING", "LOG_ERROR",
            "AWS_XRAY_DAEMON_ADDRESS", "169.254.100.1:2000", "_AWS_XRAY_DAEMON_ADDRESS", "169.254.100.1",
            "_AWS_XRAY_DAEMON_PORT", "2000");

    private SandboxSpec spec(Account account, FunctionConfiguration function, String stream, RuntimeApiEndpoint endpoint,
            InstanceNetworking.Attachment network, SandboxUser user, InitializationType type) {
        RuntimeCommands.Command command = commands.command(function);
        Map<String, String> env = new LinkedHashMap<>(function.environment());
        env.put("_HANDLER", function.handler());
        env.put("LAMBDA_TASK_ROOT", "/var/task");
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("AWS_LAMBDA_RUNTIME_API", endpoint.address());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", function.logGroup());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", stream);
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", type.value());
        env.put("AWS_REGION", account.region());
        env.put("AWS_DEFAULT_REGION", account.region());
        if (!function.runtime().startsWith("provided")) {
            env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime()); // custom runtimes have none
        }
        if ("JSON".equals(function.logFormat())) { // AWS's recorded environments of Text functions have neither
            env.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
            if (function.applicationLogLevel() != null) {
                env.put("AWS_LAMBDA_LOG_LEVEL", function.applicationLogLevel());
            }
        }
        env.putAll(XRAY);
        env.put("TZ", ":UTC");
        env.put("LANG", "en_US.UTF-8");
        env.put("PATH", "/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.put("LD_LIBRARY_PATH", "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:"
                + "/var/task/lib:/opt/lib");
        env.putAll(command.environment());
        credentials.addTo(env, function, endpoint.edgeUrl());
        List<String> argv = LayerPaths.apply(function, sandbox.capabilities().isolated(), env, command.argv());
        return SandboxSpec.builder("gust-" + UUID.randomUUID(), code.taskRoot(function.code().sha256Hex()))
                .runtimeDir(commands.runtimeDir())
                .optDir(function.layers().isEmpty() ? null
                        : code.optRoot(function.layers().stream().map(l -> l.code().sha256Hex()).toList()))
                .argv(argv)
                .env(env)
                .memoryLimitMb(function.memorySize())
                .ephemeralStorageMb(function.ephemeralStorageSize())
                .readOnlyHostPaths(command.hostPaths().toArray(Path[]::new))
                .links(command.links())
                .user(user)
                .network(network.network().orElse(null))
                .build();
    }

    /**
     * The timer thread of invocation timeouts and reaping. Every invocation schedules a timeout and cancels it
     * when it ends, so cancelled timeouts leave the queue at once: left in it, each would wake the thread at its
     * deadline, one wake-up per invocation.
     */
    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gust-engine-timers");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * Terminates the on-demand instances idle for longer than the keep-alive and replaces the provisioned ones past
     * their lifetime; runs periodically.
     */
    void reap() {
        long now = clocks.nanos();
        pools.values().forEach(pool -> pool.reap(now, keepAliveNanos));
    }

    @Override
    public void close() {
        timers.shutdownNow();
        pools.values().forEach(FunctionPool::close);
        pools.clear();
        networking.close();
        blocking.shutdown();
        try { // instances stop on the blocking executor: wait, or a shutdown leaves their cgroups behind
            if (!blocking.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("instances still stopping after {} s at shutdown", STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
