package dev.gust.api;

import dev.gust.api.functions.AccountSettingsRoutes;
import dev.gust.api.functions.AliasRoutes;
import dev.gust.api.functions.CodeDownloadRoute;
import dev.gust.api.functions.CodeLinks;
import dev.gust.api.functions.ConcurrencyRoutes;
import dev.gust.api.functions.ConcurrencyService;
import dev.gust.api.functions.EventInvokeConfigRoutes;
import dev.gust.api.functions.EventInvokeConfigService;
import dev.gust.api.functions.FunctionRoutes;
import dev.gust.api.functions.FunctionService;
import dev.gust.api.functions.ProvisionedConcurrencyRoutes;
import dev.gust.api.functions.ProvisionedConcurrencyService;
import dev.gust.api.functions.TagRoutes;
import dev.gust.api.functions.VersionRoutes;
import dev.gust.api.http.Operations;
import dev.gust.api.invoke.InvokeRoute;
import dev.gust.api.layers.LayerRoutes;
import dev.gust.api.layers.LayerService;
import dev.gust.api.permissions.PolicyRoutes;
import dev.gust.api.permissions.PolicyService;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.Invoker;
import dev.gust.edge.HostedService;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;

/**
 * AWS Lambda as a service on the edge: signing name {@code lambda}, rest-json, and every Lambda operation with its
 * IAM action and kind. {@code Invoke} runs on the event loop ({@link InvokeRoute}); the control plane runs on
 * worker threads ({@link Operations}); presigned code links ({@link CodeDownloadRoute}) are its unsigned routes.
 * Errors its operations throw keep Lambda's own shapes ({@code LambdaException}, {@code ErrorResponder}).
 * Thread-safe once registered.
 */
public final class LambdaService implements HostedService {

    /** AWS's limit on a CreateFunction request body (a 50 MB zip, base64-encoded, plus JSON). */
    public static final long MAX_REQUEST_BYTES = 70_167_211L;

    private final FunctionService functions;
    private final EventInvokeConfigService eventInvokeConfigs;
    private final LayerService layers;
    private final CodeLinks codeLinks;
    private final Invoker invoker;
    private final EventInvoker events;
    private final ConcurrencyService concurrency;
    private final ProvisionedConcurrencyService provisioned;
    private final PolicyService policies;

    public LambdaService(FunctionService functions, EventInvokeConfigService eventInvokeConfigs, LayerService layers,
            CodeLinks codeLinks, Invoker invoker, EventInvoker events, ConcurrencyService concurrency,
            ProvisionedConcurrencyService provisioned, PolicyService policies) {
        this.functions = functions;
        this.eventInvokeConfigs = eventInvokeConfigs;
        this.layers = layers;
        this.codeLinks = codeLinks;
        this.invoker = invoker;
        this.events = events;
        this.concurrency = concurrency;
        this.provisioned = provisioned;
        this.policies = policies;
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

    @Override
    public void register(ServiceRoutes routes) {
        new CodeDownloadRoute(codeLinks, functions.codeStore()).register(routes.unsigned());
        new InvokeRoute(functions.account(), invoker, events).register(routes);
        Operations operations = new Operations(routes, functions.account());
        new FunctionRoutes(functions, codeLinks, concurrency).register(operations);
        new TagRoutes(functions.tags()).register(operations);
        new VersionRoutes(functions.versions()).register(operations);
        new AliasRoutes(functions.aliases()).register(operations);
        new EventInvokeConfigRoutes(eventInvokeConfigs).register(operations);
        new ConcurrencyRoutes(concurrency).register(operations);
        new ProvisionedConcurrencyRoutes(provisioned).register(operations);
        new AccountSettingsRoutes(functions, concurrency).register(operations);
        new LayerRoutes(layers, codeLinks).register(operations);
        new PolicyRoutes(policies).register(operations);
    }
}
