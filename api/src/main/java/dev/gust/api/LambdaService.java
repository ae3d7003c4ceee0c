package dev.gust.api;

import dev.gust.api.esm.EventSourceMappingRoutes;
import dev.gust.api.functions.AccountSettingsRoutes;
import dev.gust.api.functions.AliasRoutes;
import dev.gust.api.functions.CodeDownloadRoute;
import dev.gust.api.functions.CodeLinks;
import dev.gust.api.functions.ConcurrencyRoutes;
import dev.gust.api.functions.ConcurrencyService;
import dev.gust.api.functions.EventInvokeConfigRoutes;
import dev.gust.api.functions.FunctionRoutes;
import dev.gust.api.functions.FunctionService;
import dev.gust.api.functions.ProvisionedConcurrencyRoutes;
import dev.gust.api.functions.TagRoutes;
import dev.gust.api.functions.VersionRoutes;
import dev.gust.api.http.Operations;
import dev.gust.api.invoke.InvokeRoute;
import dev.gust.api.invoke.InvokeWithResponseStreamRoute;
import dev.gust.api.layers.LayerRoutes;
import dev.gust.api.permissions.PolicyRoutes;
import dev.gust.api.urls.FunctionUrlAddress;
import dev.gust.api.urls.FunctionUrlRoutes;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.Invoker;
import dev.gust.edge.EndpointHandler;
import dev.gust.edge.HostedService;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import dev.gust.store.CodeStore;
import dev.gust.core.Account;
import dev.gust.policy.Policy;
import dev.gust.store.FunctionPolicyStore;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Lambda as a service on the edge: signing name {@code lambda}, rest-json, and every Lambda operation with its
 * IAM action and kind. {@code Invoke} runs on the event loop ({@link InvokeRoute}); the control plane runs on
 * worker threads ({@link Operations}); presigned code links ({@link CodeDownloadRoute}) are its unsigned routes.
 * Errors its operations throw keep Lambda's own shapes ({@code LambdaException}, {@code ErrorResponder}). Every
 * request acts in its namespace, the caller's account in the request's region ({@link LambdaNamespaces#accountOf}).
 * Thread-safe once registered.
 */
public final class LambdaService implements HostedService {

    /** AWS's limit on a CreateFunction request body (a 50 MB zip, base64-encoded, plus JSON). */
    public static final long MAX_REQUEST_BYTES = 70_167_211L;
    /** The largest request body a function URL accepts (BUFFERED and RESPONSE_STREAM alike): Invoke's 6 MB. */
    public static final long MAX_URL_REQUEST_BYTES = 6L * 1024 * 1024;
    /** A function's ARN, with its qualifier if it has one: region, account, name, qualifier. */
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:([^:]+)(?::([^:]+))?");

    private final LambdaNamespaces namespaces;
    private final CodeStore code;
    private final CodeLinks codeLinks;
    private final Invoker invoker;
    private final EventInvoker events;
    private final EndpointHandler functionUrls;

    /**
     * @param namespaces the control plane of each namespace; each request acts in its own
     * @param code the code packages of every namespace (content-addressed, shared)
     * @param invoker runs invocations of any namespace (the request names its account)
     * @param events queues asynchronous invocations of any namespace
     * @param functionUrls the data plane of function URLs: the edge's public endpoint {@code lambda-url}
     */
    public LambdaService(LambdaNamespaces namespaces, CodeStore code, CodeLinks codeLinks, Invoker invoker,
            EventInvoker events, EndpointHandler functionUrls) {
        this.namespaces = namespaces;
        this.code = code;
        this.codeLinks = codeLinks;
        this.invoker = invoker;
        this.events = events;
        this.functionUrls = functionUrls;
    }

    @Override
    public String signingName() {
        return "lambda";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public long maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }

    /**
     * The resource-based policy of the function, version or alias {@code resource} names (the unqualified function's
     * for an unqualified ARN), from its namespace's {@link dev.gust.api.permissions.PolicyService} in memory; empty
     * for any other resource or a namespace not built (it holds no functions).
     */
    @Override
    public Optional<Policy> resourcePolicy(String resource) {
        Matcher arn = FUNCTION_ARN.matcher(resource);
        if (!arn.matches()) {
            return Optional.empty();
        }
        String qualifier = arn.group(4) == null ? FunctionPolicyStore.LATEST : arn.group(4);
        return namespaces.find(new Account(arn.group(2), arn.group(1)))
                .flatMap(namespace -> namespace.policies().compiled(arn.group(3), qualifier));
    }

    @Override
    public void register(ServiceRoutes routes) {
        new CodeDownloadRoute(codeLinks, code).register(routes.unsigned());
        new InvokeRoute(invoker, events).register(routes);
        new InvokeWithResponseStreamRoute(invoker).register(routes);
        Operations operations = new Operations(routes);
        Function<RoutingContext, FunctionService> functions = ctx -> namespaces.of(ctx).functions();
        Function<RoutingContext, ConcurrencyService> concurrency = ctx -> namespaces.of(ctx).concurrency();
        new FunctionRoutes(functions, codeLinks, concurrency).register(operations);
        new TagRoutes(ctx -> functions.apply(ctx).tags()).register(operations);
        new VersionRoutes(ctx -> functions.apply(ctx).versions()).register(operations);
        new AliasRoutes(ctx -> functions.apply(ctx).aliases()).register(operations);
        new EventInvokeConfigRoutes(ctx -> namespaces.of(ctx).eventInvokeConfigs()).register(operations);
        new ConcurrencyRoutes(concurrency).register(operations);
        new ProvisionedConcurrencyRoutes(ctx -> namespaces.of(ctx).provisioned()).register(operations);
        new AccountSettingsRoutes(functions, concurrency).register(operations);
        new LayerRoutes(ctx -> namespaces.of(ctx).layers(), codeLinks).register(operations);
        new PolicyRoutes(ctx -> namespaces.of(ctx).policies()).register(operations);
        new FunctionUrlRoutes(ctx -> namespaces.of(ctx).urls()).register(operations);
        new EventSourceMappingRoutes(ctx -> namespaces.of(ctx).mappings()).register(operations);
        // a function URL's body is an invocation's payload: 6 MB, as Invoke's (docs/design/http-function-urls.md)
        routes.endpoint(FunctionUrlAddress.LABEL, MAX_URL_REQUEST_BYTES, functionUrls);
    }
}
