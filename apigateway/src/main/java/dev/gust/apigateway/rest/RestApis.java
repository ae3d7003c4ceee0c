package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiFamily;
import dev.gust.core.Account;
import dev.gust.core.invoke.InvokePermissions;
import dev.gust.core.invoke.Invoker;
import dev.gust.edge.EndpointRequest;
import dev.gust.edge.ServiceRoutes;
import dev.gust.store.RestApiStore;
import java.time.InstantSource;
import java.util.function.Function;

/**
 * REST APIs ({@code apigateway} v1), the Lambda proxy subset: their management operations under {@code /restapis}
 * and their invoke URLs. Every API of every namespace is loaded from the store when this is built and kept in memory.
 * Thread-safe.
 */
public final class RestApis implements ApiFamily {

    private final RestApiRegistry registry;
    private final RestApiRoutes routes;
    private final ProxyIntegration proxy;

    /**
     * @param store where the APIs are kept
     * @param invoker runs the functions
     * @param permissions the function policies of a namespace (they may block: asked off the event loop)
     * @param clock the time of creations and events
     */
    public RestApis(RestApiStore store, Invoker invoker, Function<Account, InvokePermissions> permissions,
            InstantSource clock) {
        this.registry = RestApiRegistry.load(store);
        this.routes = new RestApiRoutes(new RestApiService(registry, clock), new ResourceService(registry),
                new StageService(registry, clock));
        this.proxy = new ProxyIntegration(registry, invoker, permissions, clock);
    }

    @Override
    public void register(ServiceRoutes serviceRoutes) {
        routes.register(serviceRoutes);
    }

    @Override
    public boolean serves(String apiId) {
        return registry.find(apiId).isPresent();
    }

    @Override
    public void serve(EndpointRequest request) {
        proxy.serve(request);
    }
}
