package dev.gust.api.http;

import dev.gust.core.LambdaException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers control-plane operations on a router: each runs on a worker thread (they touch storage), after
 * authentication, and any {@link LambdaException} it throws becomes AWS's error response. Thread-safe.
 */
public final class Operations {

    private static final Logger LOG = Logger.getLogger(Operations.class.getName());

    private final Router router;
    private final RequestAuthenticator authenticator;

    public Operations(Router router, RequestAuthenticator authenticator) {
        this.router = router;
        this.authenticator = authenticator;
    }

    /** Adds an authenticated, blocking operation at {@code method path}. */
    public void add(HttpMethod method, String path, Consumer<RoutingContext> operation) {
        router.route(method, path).blockingHandler(ctx -> run(ctx, operation), false);
    }

    private void run(RoutingContext ctx, Consumer<RoutingContext> operation) {
        try {
            authenticator.authenticate(ctx.request(), ctx.body().buffer());
            operation.accept(ctx);
        } catch (LambdaException e) {
            ErrorResponder.send(ctx.response(), e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "operation failed: " + ctx.request().method() + " " + ctx.request().path(), e);
            ErrorResponder.send(ctx.response(), LambdaException.service("An internal error occurred: " + e));
        }
    }
}
