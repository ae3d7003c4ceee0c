package dev.gust.edge;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * What a {@link HostedService} registers its operations with. The edge authenticates each request, resolves the
 * service from the credential scope, reads the body within the service's bound, authorizes the {@link Caller} with
 * AWS's policy evaluation (the caller's identity-based policies, the resource's policy, the caller's grant), and only
 * then calls the handler, on the event loop. A handler that blocks must move
 * its work off the event loop itself. The body is {@code ctx.body().buffer()}; the caller is {@link #caller}.
 */
public interface ServiceRoutes {

    /**
     * A REST operation (rest-json, rest-xml) at {@code method path}, with Vert.x path parameters ({@code :Name}).
     *
     * @param resource the ARN of the resource the request acts on, for the access-denied message; may return
     *     {@code "*"}
     */
    void rest(Operation operation, HttpMethod method, String path, Function<RoutingContext, String> resource,
            OperationHandler handler);

    /**
     * An operation of a query or JSON 1.x protocol, all of which are {@code POST /}: dispatched by the form's
     * {@code Action} (query) or by the {@code X-Amz-Target} header's operation name (JSON 1.x).
     */
    void action(Operation operation, Function<RoutingContext, String> resource, OperationHandler handler);

    /**
     * Adds an operation's own condition keys to every authorization of it; the edge always supplies the global keys
     * ({@code aws:SourceIp}, {@code aws:PrincipalArn}, ...). At most once per operation, at registration.
     */
    default void conditionKeys(Operation operation, ConditionKeys keys) {
        throw new UnsupportedOperationException("this router takes no condition keys");
    }

    /**
     * A public HTTP endpoint of the service on the edge's port, beside its API: function URLs ({@code lambda-url}),
     * API Gateway's invoke URLs ({@code execute-api}). A request reaches it, signed or not, when its host is
     * {@code <id>.<label>.<region>.<domain>} (for example {@code abc123.lambda-url.us-east-1.localhost:9000}, any
     * domain), or when its path is {@code /_gust/<label>/<id>} or starts with {@code /_gust/<label>/<id>/} (the path
     * form, for clients that cannot resolve such names). The edge reads the body within {@code maxRequestBytes} and
     * calls the handler on the event loop ({@link EndpointHandler#tooLarge} beyond the bound); the handler
     * authenticates and authorizes the request itself when its resource asks for it ({@link EndpointRequest}).
     * At most one endpoint per label, at registration.
     */
    default void endpoint(String label, long maxRequestBytes, EndpointHandler handler) {
        throw new UnsupportedOperationException("this router takes no endpoints");
    }

    /**
     * The router for the service's unsigned routes, such as presigned code links under {@code /_gust/}: requests
     * without a SigV4 signature reach them, and nothing else. The service authenticates these itself.
     */
    Router unsigned();

    /** The authenticated caller of a request that reached an operation handler. */
    static Caller caller(RoutingContext ctx) {
        return ctx.get(Caller.class.getName());
    }

    /**
     * The region a request acts in: its SigV4 credential scope's region, which the edge has checked is one AWS has.
     * Every regional resource (a function, a layer, a queue) lives in the region and the account it was created in.
     */
    static String region(RoutingContext ctx) {
        return ctx.get(REGION);
    }

    /** The request id the edge gave the request ({@code x-amzn-RequestId}), or a new one if it gave none. */
    static String requestId(RoutingContext ctx) {
        String id = ctx.response().headers().get(ServiceEdge.REQUEST_ID);
        if (id == null) {
            id = java.util.UUID.randomUUID().toString();
            ctx.response().putHeader(ServiceEdge.REQUEST_ID, id);
        }
        return id;
    }

    /** The routing context key under which the edge keeps the request's region. */
    String REGION = "dev.gust.edge.region";

    /** Runs an operation; any {@link EdgeException} it throws is written in the service's protocol. */
    @FunctionalInterface
    interface OperationHandler {
        void handle(RoutingContext ctx);
    }
}
