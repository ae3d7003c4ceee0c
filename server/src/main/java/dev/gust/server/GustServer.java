package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.LambdaNamespace;
import dev.gust.api.LambdaNamespaces;
import dev.gust.api.LambdaService;
import dev.gust.apigateway.ApiGatewayService;
import dev.gust.apigateway.rest.RestApis;
import dev.gust.apigateway.http.HttpApis;
import dev.gust.api.esm.EventSourceMappingService;
import dev.gust.api.esm.MappingStates;
import dev.gust.api.functions.CodeLinks;
import dev.gust.api.functions.ConcurrencyService;
import dev.gust.api.functions.EventInvokeConfigService;
import dev.gust.api.functions.ExecutionRoleCheck;
import dev.gust.api.functions.FunctionService;
import dev.gust.api.functions.ProvisionedConcurrencyService;
import dev.gust.api.http.ErrorResponder;
import dev.gust.api.http.Json;
import dev.gust.api.layers.LayerService;
import dev.gust.api.permissions.PolicyService;
import dev.gust.api.urls.FunctionUrlService;
import dev.gust.async.AsyncInvocations;
import dev.gust.async.DeadLetterTargets;
import dev.gust.async.EventSettings;
import dev.gust.core.Account;
import dev.gust.core.FunctionChanges;
import dev.gust.core.LambdaException;
import dev.gust.core.Runtimes;
import dev.gust.core.messaging.QueueDirectory;
import dev.gust.edge.Caller;
import dev.gust.edge.OperationKind;
import dev.gust.eventsources.EventSourcePollers;
import dev.gust.eventsources.SdkQueueClients;
import dev.gust.edge.CredentialsResolver;
import dev.gust.edge.IdleConnections;
import dev.gust.edge.ServiceEdge;
import dev.gust.edge.auth.Credentials;
import dev.gust.edge.auth.KeyPairResolver;
import dev.gust.engine.Clocks;
import dev.gust.engine.Engine;
import dev.gust.engine.EngineNamespace;
import dev.gust.engine.RuntimeCatalog;
import dev.gust.functionurls.FunctionUrlDirectory;
import dev.gust.functionurls.FunctionUrlEndpoint;
import dev.gust.iam.Iam;
import dev.gust.iam.IamService;
import dev.gust.organizations.Organization;
import dev.gust.organizations.OrganizationsService;
import dev.gust.runtimeapi.RuntimeApiEndpoints;
import dev.gust.runtimes.NodeSdk;
import dev.gust.sandbox.InstanceNetworks;
import dev.gust.sandbox.Sandbox;
import dev.gust.sandbox.SandboxUsers;
import dev.gust.server.config.ServerSettings;
import dev.gust.store.EmbeddedStorage;
import dev.gust.store.EventInvokeConfigStore;
import dev.gust.store.FunctionStore;
import dev.gust.store.PolicyInvokePermissions;
import dev.gust.store.PrivateDataDir;
import dev.gust.store.VersionStore;
import dev.gust.sts.ExecutionRoleSessions;
import dev.gust.sts.SessionCredentialsResolver;
import dev.gust.sts.SessionTokens;
import dev.gust.sns.Sns;
import dev.gust.sqs.SqsService;
import dev.gust.sts.StsService;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Gust server: the composition root that opens storage, wires the control plane and listens.
 * {@link #start} and {@link #close} are called once each, from one thread.
 */
final class GustServer implements AutoCloseable {

    /** This node's name in the event queue's leases; one server per data dir, so one name suffices. */
    private static final String NODE = "local";
    private static final Logger LOG = LoggerFactory.getLogger(GustServer.class);

    private final ServerSettings settings;
    private DataDirLock lock;
    private EmbeddedStorage storage;
    private Vertx vertx;
    private HttpServer http;
    private IdleConnections idleConnections;
    private ServiceEdge edge;
    private SqsService sqs;
    private Sns sns;
    private ServerCredentials credentials;
    private Sandbox sandbox;
    private Engine engine;
    private AsyncInvocations async;
    private RuntimeCatalog catalog;
    private LambdaNamespaces namespaces;
    /** Every function URL in memory, for their data plane; the namespaces' URL services keep it current. */
    private final FunctionUrlDirectory functionUrls = new FunctionUrlDirectory();
    /** Whether an event source mapping's queue exists: SQS's answer, once SQS has started. */
    private volatile QueueDirectory queueDirectory = queueArn -> true;
    /** The pollers' reports about event source mappings, made durable, and the pollers themselves. */
    private MappingStates mappingStates;
    /** The SQS pollers of every event source mapping, and the SQS clients they poll with. */
    private EventSourcePollers pollers;
    private SdkQueueClients queueClients;
    /** The instances' {@code AWS_ENDPOINT_URL}, known once the listener is bound (instances may start before). */
    private final CompletableFuture<String> functionEndpoint = new CompletableFuture<>();

    GustServer(ServerSettings settings) {
        this.settings = settings;
    }

    /** Opens everything and starts listening; returns once requests are served. */
    void start() throws IOException {
        PrivateDataDir.prepare(settings.dataDir());
        lock = DataDirLock.acquire(settings.dataDir());
        credentials = ServerCredentials.resolve(settings.accessKeyId(), settings.secretAccessKey(), settings.dataDir());
        Account defaults = new Account(settings.accountId(), settings.region());
        storage = EmbeddedStorage.open(settings.dataDir(), defaults);
        Clocks clocks = Clocks.SYSTEM;
        InstantSource clock = clocks.wall();
        vertx = Vertx.vertx();
        // STS and the temporary credentials it mints, for callers and functions: stateless, keyed by the server's
        // secret (docs/design/security.md)
        SessionTokens sessions = new SessionTokens(credentials.secretAccessKey(), SessionClock.of(clock));
        sandbox = Sandboxes.choose(settings.sandbox());
        SandboxUsers users = SandboxUsers.defaultRange();
        InstanceNetworks networks = Networks.choose(settings.network(), sandbox);
        catalog = RuntimeCatalog.detect(RuntimeCatalog.Settings.of(settings.python(), settings.node(), settings.ruby(),
                settings.javaHome()).withInterpreters(settings.interpreters()));
        engine = new Engine(storage.functions(), storage.versions(), storage.code(), sandbox, new RuntimeApiEndpoints(vertx),
                catalog, new Engine.Settings(settings.dataDir().resolve("runtime"), settings.dataDir().resolve("logs"),
                        settings.concurrency(), settings.keepAlive(), users, settings.instanceMaxLifetime(),
                        Engine.Settings.LAMBDA_INIT_TIMEOUT, settings.logQuotaBytes(), nodeSdk(catalog), networks),
                clocks,
                // every instance's credentials: a session of its execution role, whose policies decide, bounded by the
                // function-credentials grant
                new ExecutionRoleSessions(sessions, settings.functionCredentials()), functionEndpoint::join);
        // SQS on ElasticMQ, one per account and region, started on first use (or now, for those with stored queues)
        sqs = new SqsService(vertx, settings.dataDir().resolve("sqs"));
        sqs.startStored();
        queueDirectory = sqs.queueMessages(); // event source mappings ask SQS whether their queue exists
        // SNS: topics in memory, written through; its outbox delivers to functions (async invokes, after their
        // policies), to SQS through its seam and to HTTP endpoints, once the server listens (its links name the edge)
        // (before the async invocations, whose destinations may publish; it invokes through them once it delivers)
        sns = Sns.open(storage.sns(), settings.dataDir(), request -> async.enqueue(request),
                account -> new PolicyInvokePermissions(storage.policies().in(account)), sqs.queueMessages(),
                functionEndpoint::join, clock, workers());
        async = new AsyncInvocations(engine, storage.events(), EventSettings.storedIn(storage.eventInvokeConfigs()),
                DeadLetterTargets.storedIn(storage.functions(), storage.versions()), sqs.queueMessages(),
                (topicArn, message) -> sns.publisher().publish(topicArn, message), settings.async(), clock, NODE);
        // IAM and Organizations: global, keyed by account alone; IAM answers the edge (user keys) and STS (roles) from
        // memory, and gives each account Organizations creates its access role in the same transaction
        Iam iam = Iam.load(storage.identities(), credentials.secretAccessKey(), clock);
        // Lambda checks (dev mode: creates) execution roles through IAM, one check for every namespace
        ExecutionRoleCheck executionRoles = new ExecutionRoleCheck(settings.mode(), iam.executionRoles());
        functionUrls.load(storage.functionUrls().everywhere());
        // event source mappings: the SQS pollers (module event-sources) run them and report back through
        // MappingStates; each mapping's client calls Gust's edge (or a configured endpoint) with a session of the
        // function's execution role, so that the edge evaluates the role's policies as IAM does on AWS
        queueClients = new SdkQueueClients(functionEndpoint::join, settings.sqsEndpoints(),
                (account, name) -> storage.functions().in(account).find(name).map(f -> f.configuration().role()),
                new ExecutionRoleSessions(sessions, OperationKind.WRITE), clock);
        mappingStates = new MappingStates(storage.eventSourceMappings(), clock,
                states -> pollers = new EventSourcePollers(queueClients, engine, states, clock::millis));
        namespaces = new LambdaNamespaces(account -> namespace(account, clock, executionRoles));
        // before any invocation, queued events included: reservations, provisioned instances, policy sweeps of every
        // namespace that holds functions
        storage.functions().namespaces().forEach(namespaces::of);
        mappingStates.start(); // every stored mapping to the pollers
        async.start();
        CodeLinks codeLinks = new CodeLinks(credentials.secretAccessKey(), clock);
        // function URLs answer from memory: their configs, and the functions' compiled policies
        FunctionUrlEndpoint urlEndpoint = new FunctionUrlEndpoint(functionUrls, engine, (account, name, qualifier) ->
                namespaces.find(account).flatMap(namespace -> namespace.policies().compiled(name, qualifier)), clock);
        LambdaService lambda = new LambdaService(namespaces, storage.code(), codeLinks, engine, async, urlEndpoint);
        Organization organization = Organization.load(defaults.accountId(), storage.identities(), iam, clock);
        // The server's own key pair is the account's root: it may do everything.
        KeyPairResolver serverKeys = new KeyPairResolver(new Credentials(credentials.accessKeyId(),
                credentials.secretAccessKey()), Caller.accountRoot(defaults.accountId(), credentials.accessKeyId()));
        edge = new ServiceEdge(vertx, clock, List.of(lambda, new StsService(sessions, iam.roles()),
                        new IamService(iam), new OrganizationsService(organization),
                        new ApiGatewayService(List.of(httpApis(clock), new RestApis(storage.restApis(), engine,
                                account -> new PolicyInvokePermissions(storage.policies().in(account)), clock))), sqs,
                        sns.service()),
                resolvers(serverKeys, new SessionCredentialsResolver(sessions), iam.credentialsResolver()),
                iam.identityPolicies());
        edge.unsigned().get("/_gust/health").handler(ctx -> health().whenComplete((body, failure) -> {
            if (failure != null) {
                ErrorResponder.send(ctx.response(), LambdaException.service("health: " + failure));
            } else {
                ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
            }
        }));
        idleConnections = new IdleConnections(vertx, settings.idleTimeout()).start();
        http = vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                        // HTTP/1.1 only, as AWS's endpoints: with h2c on, Vert.x reports a connection only after its
                        // first bytes, and a socket that never sends one would escape the idle timeout.
                        .setCompressionSupported(false).setHttp2ClearTextEnabled(false))
                .connectionHandler(idleConnections)
                .requestHandler(idleConnections.tracking(edge))
                // malformed requests get AWS's error shape, never a bare 4xx or a 5xx (docs/design/edge.md)
                .invalidRequestHandler(edge::invalidRequest)
                // Lambda has no WebSocket endpoint. With a handshake handler set, Vert.x passes a request line with
                // an unknown HTTP version to the request handler (the edge answers 400) instead of answering 501.
                .webSocketHandshakeHandler(handshake -> handshake.reject(400));
        try {
            http.listen().await(30, TimeUnit.SECONDS);
            functionEndpoint.complete(FunctionEndpoint.url(settings.host(), http.actualPort()));
            sns.start();
        } catch (Exception e) {
            throw new IOException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage()
                    + " (is another program using that port? choose another with --port)", e);
        }
    }

    /**
     * Lambda's control plane in one namespace: its services over that namespace's views of the stores, and the
     * fan-out that tells the engine, the event settings, reservations, provisioned instances and policies when one of
     * its functions, versions or aliases changes. Loads what the namespace has stored (reservations, provisioned
     * instances, the policy sweep).
     */
    private LambdaNamespace namespace(Account account, InstantSource clock, ExecutionRoleCheck executionRoles) {
        FunctionStore functionStore = storage.functions().in(account);
        VersionStore versionStore = storage.versions().in(account);
        EventInvokeConfigStore eventInvokeConfigStore = storage.eventInvokeConfigs().in(account);
        EngineNamespace engineNamespace = engine.in(account);
        ConcurrencyService concurrency = new ConcurrencyService(account, functionStore,
                storage.reservedConcurrency().in(account), engine.concurrency().in(account));
        concurrency.load();
        ProvisionedConcurrencyService provisioned = new ProvisionedConcurrencyService(account, functionStore,
                versionStore, storage.provisionedConcurrency().in(account), concurrency,
                engine.concurrency().in(account), engineNamespace, clock);
        provisioned.load(); // holds provisioned concurrency before invocations, and starts the instances
        PolicyService policies = new PolicyService(account, functionStore, versionStore, storage.policies().in(account));
        policies.load(); // deletes the policies of functions, versions and aliases a crash left behind
        FunctionUrlService urls = new FunctionUrlService(account, functionStore, versionStore,
                storage.functionUrls().in(account), clock, functionUrls);
        urls.load(); // deletes the URLs of functions a crash deleted without them
        FunctionService functions = new FunctionService(account, functionStore, versionStore, storage.code(), clock,
                catalog, new FunctionChanges() {
                    @Override
                    public void changed(String functionName) {
                        engineNamespace.changed(functionName);
                    }

                    @Override
                    public void versionDeleted(String functionName, String version) {
                        engineNamespace.versionDeleted(functionName, version);
                        provisioned.versionDeleted(functionName, version);
                        eventInvokeConfigStore.delete(functionName, version);
                        policies.versionDeleted(functionName, version);
                    }

                    @Override
                    public void aliasChanged(String functionName, String aliasName) {
                        engineNamespace.aliasChanged(functionName, aliasName);
                        provisioned.aliasChanged(functionName, aliasName);
                        policies.aliasChanged(functionName, aliasName);
                        if (versionStore.findAlias(functionName, aliasName).isEmpty()) {
                            eventInvokeConfigStore.delete(functionName, aliasName); // the alias was deleted
                        }
                    }

                    @Override
                    public void deleted(String functionName) {
                        engineNamespace.deleted(functionName);
                        eventInvokeConfigStore.deleteFunction(functionName);
                        storage.events().deleteFunction(account.functionArn(functionName)).toCompletableFuture().join();
                        concurrency.functionDeleted(functionName);
                        provisioned.functionDeleted(functionName);
                        policies.functionDeleted(functionName);
                        urls.functionDeleted(functionName);
                    }
                }, storage.layers().in(account), executionRoles);
        LayerService layers = new LayerService(account, storage.layers().in(account), storage.code(), clock,
                functions::collectUnusedPackages);
        var eventInvokeConfigs = new EventInvokeConfigService(account, functionStore, versionStore,
                eventInvokeConfigStore, clock);
        // a function's deletion keeps its event source mappings, as AWS does (docs/design/event-sources-mappings.md)
        EventSourceMappingService mappings = new EventSourceMappingService(account, functionStore, versionStore,
                storage.eventSourceMappings().in(account),
                // a queue of an outside endpoint (sqs-endpoints) is taken to exist, as the pollers will find out
                queueArn -> settings.sqsEndpoints().find(queueArn).isPresent() || queueDirectory.exists(queueArn), clock,
                mappingStates.changes());
        return new LambdaNamespace(account, functions, eventInvokeConfigs, layers, concurrency, provisioned, policies,
                urls, mappings);
    }

    /**
     * API Gateway's HTTP APIs: stored in {@code gust.db}, invoking through the engine, asking each namespace's function
     * policies on worker threads.
     */
    private HttpApis httpApis(InstantSource clock) {
        return new HttpApis(storage.httpApis(), engine,
                account -> new PolicyInvokePermissions(storage.policies().in(account)), workers(), clock);
    }

    /** Vert.x's worker threads, for blocking work a service moves off the event loops. */
    private Executor workers() {
        return task -> vertx.executeBlocking(() -> {
            task.run();
            return null;
        }, false);
    }

    /** The edge's credentials resolvers, in order; last, with {@code account-id-keys}, any twelve-digit key id. */
    private List<CredentialsResolver> resolvers(CredentialsResolver... known) {
        List<CredentialsResolver> resolvers = new java.util.ArrayList<>(List.of(known));
        if (settings.accountIdKeys()) {
            resolvers.add(new AccountIdKeys());
        }
        return resolvers;
    }

    /**
     * The AWS SDK for JavaScript v3 of Node.js functions, installed with npm the first time a server of this machine
     * needs it (a few seconds; progress in the log), or {@code null} without Node.js or npm.
     */
    private static Path nodeSdk(RuntimeCatalog catalog) {
        if (Runtimes.creatable().stream().filter(id -> id.startsWith("nodejs")).map(catalog::interpreter)
                .noneMatch(Optional::isPresent)) {
            return null;
        }
        Optional<Path> sdk = NodeSdk.install(NodeSdk.defaultCache(), "npm", LOG::info);
        if (sdk.isEmpty()) {
            LOG.warn("Node.js functions get no AWS SDK: they must bring their own (install npm to have Gust's)");
        }
        return sdk.orElse(null);
    }

    /** The port actually bound (differs from the setting when that is 0). */
    int port() {
        return http.actualPort();
    }

    /** Which sandbox and interpreters serve functions, for the startup banner. */
    java.util.Map<String, Object> engineDescription() {
        return engine.describe();
    }

    ServerCredentials credentials() {
        return credentials;
    }

    private CompletionStage<JsonNode> health() {
        return async.describe().thenApply(asyncState -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("status", "ok");
            node.put("version", Version.current());
            node.put("region", settings.region());
            node.put("accountId", settings.accountId());
            var services = node.putArray("services");
            edge.hostedServices().forEach(services::add);
            node.set("engine", Json.MAPPER.valueToTree(engine.describe()));
            node.set("async", Json.MAPPER.valueToTree(asyncState));
            return node;
        });
    }

    /** Stops accepting requests, lets in-flight ones finish, then closes storage and releases the data dir. */
    @Override
    public void close() throws Exception {
        functionEndpoint.completeExceptionally(new IllegalStateException("the server stopped before it listened"));
        if (pollers != null) {
            pollers.close(); // before the edge they call stops, and before MappingStates, which they report to
        }
        if (queueClients != null) {
            queueClients.close();
        }
        if (http != null) {
            http.shutdown(10, TimeUnit.SECONDS).await(15, TimeUnit.SECONDS);
        }
        if (idleConnections != null) {
            idleConnections.stop();
        }
        if (sns != null) {
            sns.close(); // first: it delivers into the async invocations and SQS
        }
        if (async != null) {
            async.close();
        }
        if (mappingStates != null) {
            mappingStates.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (vertx != null) {
            vertx.close().await(15, TimeUnit.SECONDS);
        }
        if (storage != null) {
            storage.close();
        }
        if (lock != null) {
            lock.close();
        }
    }
}
