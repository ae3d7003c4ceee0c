package dev.gust.api.http;

import dev.gust.api.LambdaNamespaces;
import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.edge.ConditionKeys;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Lambda's control-plane operations with the edge: each runs on a worker thread (they touch storage),
 * after the edge authenticated and authorized the request, and any {@link LambdaException} it throws becomes AWS's
 * error response. Thread-safe.
 *
 * <p>To add an operation: {@code operations.add(HttpMethod.GET, path, Operations.lambda("GetFunction"), handler)}.
 * {@link #lambda} names the IAM action {@code lambda:NAME} and derives the kind from the name (Get and List read,
 * the rest write); use {@code new Operation(...)} where the action is named otherwise.
 */
public final class Operations {

    /**
     * The message of a {@code ServiceException} for a failure that is not the client's. It never carries the
     * exception's text, which may name host paths (the data dir); the server's log has the details.
     */
    public static final String INTERNAL_FAILURE = "An internal error occurred. The server's log has the details.";

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);

    private final ServiceRoutes routes;

    public Operations(ServiceRoutes routes) {
        this.routes = routes;
    }

    /**
     * The Lambda operation {@code name} whose IAM action is {@code lambda:name}: {@link OperationKind#READ} for
     * {@code Get*} and {@code List*}, else {@link OperationKind#WRITE}.
     */
    public static Operation lambda(String name) {
        OperationKind kind = name.startsWith("Get") || name.startsWith("List") ? OperationKind.READ : OperationKind.WRITE;
        return new Operation(name, "lambda:" + name, kind);
    }

    /** Adds a blocking operation at {@code method path}; it runs on a worker thread. */
    public void add(HttpMethod method, String path, Operation operation, Consumer<RoutingContext> handler) {
        routes.rest(operation, method, path, Operations::resource, ctx -> ctx.vertx().executeBlocking(() -> {
            run(ctx, handler);
            return null;
        }, false));
    }

    /**
     * Adds a blocking operation at {@code method path} whose requests carry the operation's own condition keys
     * ({@link LambdaConditionKeys}), which policies may test.
     */
    public void add(HttpMethod method, String path, Operation operation, ConditionKeys keys,
            Consumer<RoutingContext> handler) {
        add(method, path, operation, handler);
        routes.conditionKeys(operation, keys);
    }

    /**
     * The ARN of the resource a request acts on, in the request's namespace ({@link LambdaNamespaces#accountOf}), for
     * the access-denied message and authorization: the function named by the {@code FunctionName} path parameter (a
     * name, a partial or a full ARN, with its qualifier), the layer (version) of {@code LayerName}, the ARN a tagging
     * operation names ({@code Resource}), the event source mapping of {@code UUID}, or {@code *}.
     */
    public static String resource(RoutingContext ctx) {
        Account account = LambdaNamespaces.accountOf(ctx);
        String function = ctx.pathParam("FunctionName");
        if (function != null) {
            try {
                FunctionReference reference = FunctionReference.parse(function, account);
                return reference.qualifier().map(q -> account.functionArn(reference.name(), q))
                        .orElseGet(() -> account.functionArn(reference.name()));
            } catch (LambdaException invalidName) {
                return account.functionArn(function);
            }
        }
        String mapping = ctx.pathParam("UUID");
        if (mapping != null) {
            return account.eventSourceMappingArn(mapping);
        }
        String tagged = ctx.pathParam("Resource");
        if (tagged != null) {
            return tagged;
        }
        String layer = ctx.pathParam("LayerName");
        if (layer != null) {
            String version = ctx.pathParam("VersionNumber");
            String arn = layer.startsWith("arn:") ? layer : account.layerArn(layer);
            return arn + (version == null ? "" : ":" + version);
        }
        return "*";
    }

    private static void run(RoutingContext ctx, Consumer<RoutingContext> handler) {
        try {
            handler.accept(ctx);
        } catch (LambdaException e) {
            ErrorResponder.send(ctx.response(), e);
        } catch (RuntimeException e) {
            LOG.error("operation failed: {} {}", ctx.request().method(), ctx.request().path(), e);
            ErrorResponder.send(ctx.response(), LambdaException.service(INTERNAL_FAILURE));
        }
    }
}
