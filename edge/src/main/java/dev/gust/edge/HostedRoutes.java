package dev.gust.edge;

import dev.gust.policy.Policy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The routes of one {@link HostedService}: its signed operations in a router of their own (REST operations by
 * method and path; query and JSON 1.x operations by name, behind one {@code /} route), and its unsigned routes in
 * the edge's shared unsigned router. Filled once at startup, then only read.
 */
final class HostedRoutes implements ServiceRoutes {

    private final HostedService service;
    private final Router router;
    private final Router unsigned;
    private final ServiceEdge edge;
    private final Map<String, Registered> actions = new HashMap<>();
    private final Map<String, ConditionKeys> conditionKeys = new HashMap<>();

    HostedRoutes(Vertx vertx, HostedService service, Router unsigned, ServiceEdge edge) {
        this.service = service;
        this.router = Router.router(vertx);
        this.unsigned = unsigned;
        this.edge = edge;
        router.route().last().handler(ctx -> edge.unknownOperation(ctx, this));
        router.route().failureHandler(ctx -> edge.failure(ctx, protocol(ctx.request())));
        edge.answerUnhandledFailures(router, ctx -> protocol(ctx.request()));
    }

    @Override
    public void rest(Operation operation, HttpMethod method, String path, Function<RoutingContext, String> resource,
            OperationHandler handler) {
        Registered registered = new Registered(operation, resource, handler);
        router.route(method, path).handler(ctx -> edge.run(ctx, this, registered));
    }

    @Override
    public void action(Operation operation, Function<RoutingContext, String> resource, OperationHandler handler) {
        if (actions.isEmpty()) {
            for (String path : service.actionPaths()) {
                router.route(path).handler(ctx -> edge.run(ctx, this, null));
            }
        }
        if (actions.putIfAbsent(operation.name(), new Registered(operation, resource, handler)) != null) {
            throw new IllegalArgumentException(service.signingName() + " registers " + operation.name() + " twice");
        }
    }

    @Override
    public void endpoint(String label, long maxRequestBytes, EndpointHandler handler) {
        edge.endpoint(label, new PublicEndpoint(this, maxRequestBytes, Objects.requireNonNull(handler, "handler")));
    }

    @Override
    public void conditionKeys(Operation operation, ConditionKeys keys) {
        if (conditionKeys.putIfAbsent(operation.name(), Objects.requireNonNull(keys, "keys")) != null) {
            throw new IllegalArgumentException(service.signingName() + " adds condition keys to " + operation.name()
                    + " twice");
        }
    }

    /** The condition keys the operation adds, or {@code null}. */
    ConditionKeys conditionKeys(Operation operation) {
        return conditionKeys.get(operation.name());
    }

    /** The resource-based policy of {@code resource}, which the service keeps. */
    Optional<Policy> resourcePolicy(String resource) {
        return service.resourcePolicy(resource);
    }

    @Override
    public Router unsigned() {
        return unsigned;
    }

    String signingName() {
        return service.signingName();
    }

    Protocol protocol() {
        return service.protocol();
    }

    /** The protocol of {@code request} (the service's, unless it speaks two). */
    Protocol protocol(io.vertx.core.http.HttpServerRequest request) {
        return service.protocol(request);
    }

    long maxRequestBytes() {
        return service.maxRequestBytes();
    }

    Router router() {
        return router;
    }

    /** The operation named {@code name} in a query or JSON 1.x request, or {@code null}. */
    Registered action(String name) {
        return name == null ? null : actions.get(name);
    }

    /** A public endpoint a service registered: its service, its body bound and its handler. */
    record PublicEndpoint(HostedRoutes service, long maxRequestBytes, EndpointHandler handler) {
    }

    /** One registered operation with what the edge needs to authorize and run it. */
    record Registered(Operation operation, Function<RoutingContext, String> resource, OperationHandler handler) {

        Registered {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(handler, "handler");
            resource = resource == null ? ctx -> "*" : resource;
        }
    }
}
