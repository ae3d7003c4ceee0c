package dev.gust.sts;

import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.FormParameters;
import dev.gust.edge.Operation;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A stand-in for the edge that serves one service's query actions for one fixed caller, without SigV4: dispatches
 * by {@code Action}, writes an {@link EdgeException} as {@code status} and {@code CODE: message}. Not thread-safe to
 * configure; serves from its router once built.
 */
final class FakeEdge implements ServiceRoutes {

    private final Map<String, Registered> actions = new HashMap<>();
    private volatile Caller caller;
    private volatile String lastResource;

    void callAs(Caller caller) {
        this.caller = caller;
    }

    @Override
    public void rest(Operation operation, HttpMethod method, String path, Function<RoutingContext, String> resource,
            OperationHandler handler) {
        throw new UnsupportedOperationException("a query-protocol service registers actions only");
    }

    @Override
    public void action(Operation operation, Function<RoutingContext, String> resource, OperationHandler handler) {
        actions.put(operation.name(), new Registered(operation, resource, handler));
    }

    @Override
    public Router unsigned() {
        throw new UnsupportedOperationException("STS has no unsigned routes");
    }

    Operation operation(String action) {
        return actions.get(action).operation();
    }

    /** The resource the last request's action named, as the edge would for its access-denied message. */
    String lastResource() {
        return lastResource;
    }

    Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route("/").handler(BodyHandler.create()).handler(ctx -> {
            Registered action = actions.get(FormParameters.of(ctx).get("Action"));
            if (action == null) {
                ctx.response().setStatusCode(400).end("InvalidAction");
                return;
            }
            ctx.put(Caller.class.getName(), caller);
            lastResource = action.resource().apply(ctx);
            try {
                action.handler().handle(ctx);
            } catch (EdgeException e) {
                String code = e.code() == null ? e.failure().name() : e.code();
                ctx.response().setStatusCode(e.status()).end(code + ": " + e.getMessage());
            }
        });
        return router;
    }

    private record Registered(Operation operation, Function<RoutingContext, String> resource,
            OperationHandler handler) {
    }
}
