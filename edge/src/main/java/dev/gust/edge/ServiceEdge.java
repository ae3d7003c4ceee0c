package dev.gust.edge;

import dev.gust.edge.CredentialsResolver.ResolvedCredentials;
import dev.gust.edge.auth.SigV4Verifier;
import dev.gust.edge.auth.Signature;
import dev.gust.edge.auth.VertxSignedRequests;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP endpoint of every service Gust hosts: the request handler of the API port. For each request:
 * <ol>
 *   <li>a request id ({@code x-amzn-RequestId}) for every response;</li>
 *   <li>no signature at all ({@code Authorization} header, {@code X-Amz-Algorithm}/{@code X-Amz-Credential}
 *       query), or one of Gust's own paths under {@code /_gust/}: the unsigned routes ({@link #unsigned()}), else
 *       {@code MissingAuthenticationToken};</li>
 *   <li>the signature is parsed and checked for form and time, without the body; the credential scope's service
 *       selects the {@link HostedService} (an unknown one gets a 400 that names it and the hosted ones); the access
 *       key's credentials are resolved (an unknown key is refused at once): a refused request's body is never
 *       read, and its connection is closed if the body is large;</li>
 *   <li>the operation is found (REST: method and path; query: the form's {@code Action}; JSON 1.x:
 *       {@code X-Amz-Target}) and the body is read, bounded by {@link HostedService#maxRequestBytes()} (413
 *       beyond it);</li>
 *   <li>the signature is matched against the body; the request is authorized with AWS's policy evaluation
 *       ({@link Authorizer}: the caller's identity-based policies, the resource's policy, the caller's grant as its
 *       session's bound), else {@code AccessDenied} as AWS words it;</li>
 *   <li>the handler runs on the event loop with the {@link Caller} ({@link ServiceRoutes#caller}) and the body
 *       ({@code ctx.body().buffer()}, never form-decoded).</li>
 * </ol>
 * Errors the edge answers are written in the service's protocol (or, before the service is known, in the protocol
 * the request looks like) by {@link ErrorWriter}. The edge knows no service's internals.
 *
 * <p>Built once at startup (services register their routes in the constructor), then thread-safe.
 */
public final class ServiceEdge implements Handler<HttpServerRequest> {

    /** The response header that carries the request id, which every response has. */
    public static final String REQUEST_ID = "x-amzn-RequestId";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceEdge.class);
    private static final String PENDING = ServiceEdge.class.getName() + ".pending";
    private static final String CALLER = Caller.class.getName();
    /** Gust's own paths ({@code /_gust/health}, presigned code links): unsigned routes, signed or not. */
    private static final String GUST_PATHS = "/_gust/";
    /** Bodies up to this size are drained, not cut, when a request is refused: the connection stays open. */
    private static final long DRAINED_BYTES = 65_536;

    private final Router root;
    private final Router unsigned;
    private final Map<String, HostedRoutes> services = new LinkedHashMap<>();
    /** The public endpoints by label ({@code lambda-url}, {@code execute-api}); filled at registration. */
    private final Map<String, HostedRoutes.PublicEndpoint> endpoints = new java.util.HashMap<>();
    private final SigV4Verifier verifier;
    private final Authorizer authorizer;

    /**
     * @param clock the source of "now" for signatures
     * @param hosted the services, each with a distinct signing name; each registers its routes now
     * @param resolvers asked in order for the credentials behind an access key id
     * @param identityPolicies the identity-based policies of each caller's principal ({@link IdentityPolicies#NONE}:
     *     only account roots are allowed)
     */
    public ServiceEdge(Vertx vertx, InstantSource clock, List<HostedService> hosted,
            List<CredentialsResolver> resolvers, IdentityPolicies identityPolicies) {
        this.verifier = new SigV4Verifier(resolvers, clock);
        this.authorizer = new Authorizer(identityPolicies, clock);
        this.unsigned = Router.router(vertx);
        unsigned.route().last().handler(ctx -> refuse(ctx, protocolOf(ctx.request()),
                EdgeException.auth(AuthFailure.MISSING_TOKEN, "Missing Authentication Token")));
        unsigned.route().failureHandler(ctx -> failure(ctx, protocolOf(ctx.request())));
        for (HostedService service : hosted) {
            HostedRoutes routes = new HostedRoutes(vertx, service, unsigned, this);
            if (services.putIfAbsent(service.signingName(), routes) != null) {
                throw new IllegalArgumentException("two hosted services are named " + service.signingName());
            }
            service.register(routes);
        }
        this.root = Router.router(vertx);
        root.route().handler(this::admit);
        root.route().failureHandler(ctx -> failure(ctx, protocolOf(ctx.request())));
        answerUnhandledFailures(root, ctx -> protocolOf(ctx.request()));
        answerUnhandledFailures(unsigned, ctx -> protocolOf(ctx.request()));
    }

    /**
     * Makes {@code router} answer the failures no route's failure handler saw (such as one raised before any route
     * matched) in AWS's error shape; Vert.x Web would answer them with a bare status line.
     */
    void answerUnhandledFailures(Router router, Function<RoutingContext, Protocol> protocol) {
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            router.errorHandler(status, ctx -> failure(ctx, protocol.apply(ctx)));
        }
    }

    /** The routes served without a signature, such as Gust's own {@code /_gust/health}. */
    public Router unsigned() {
        return unsigned;
    }

    /** The signing names of the hosted services, in registration order. */
    public List<String> hostedServices() {
        return List.copyOf(services.keySet());
    }

    @Override
    public void handle(HttpServerRequest request) {
        // a request line with an HTTP version other than 1.0 and 1.1, which the server passes on (see GustServer),
        // or a target whose percent-encoding does not decode: answered as a request Vert.x could not decode
        if (request.version() == null || !PercentEncoding.decodes(request.path())
                || !PercentEncoding.decodes(request.query())) {
            invalidRequest(request);
            return;
        }
        root.handle(request);
    }

    /**
     * Answers a request the HTTP server could not decode (the server's invalid-request handler): a request line
     * over its bound (414), headers over theirs (431), anything else malformed (400), each in the error shape of
     * the protocol the request looks like, and closes the connection, since the rest of its bytes cannot be framed.
     */
    public void invalidRequest(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        EdgeException e;
        if (cause instanceof TooLongHttpLineException) {
            e = EdgeException.of("RequestURITooLong", 414, "The request line is too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            e = EdgeException.of("RequestHeaderFieldsTooLarge", 431, "The request's headers are too large");
        } else {
            e = EdgeException.of("BadRequest", 400, "The request is not valid HTTP/1.1");
        }
        String requestId = UUID.randomUUID().toString();
        request.response().putHeader(REQUEST_ID, requestId).putHeader("Connection", "close");
        // after a decoding failure the request line is lost: answered as Lambda's REST-JSON, the usual client; else in
        // the protocol of the service its credential scope names (API Gateway's paths carry no API version)
        Protocol protocol = cause != null ? Protocol.REST_JSON : protocolOf(request);
        ErrorWriter.send(request.response(), protocol, e, requestId)
                .onComplete(done -> request.connection().close());
    }

    /** Authenticates what can be authenticated without the body, then routes to the service's operations. */
    private void admit(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ctx.response().putHeader(REQUEST_ID, UUID.randomUUID().toString());
        if (!endpoints.isEmpty() && PublicEndpoints.serve(ctx, this, endpoints)) {
            return;
        }
        if (request.path().startsWith(GUST_PATHS)
                || !SigV4Verifier.isSigned(request.getHeader("Authorization"), request.query())) {
            unsigned.handleContext(ctx);
            return;
        }
        HostedRoutes service = null;
        try {
            Signature signature = verifier.parse(VertxSignedRequests.of(request, null));
            service = services.get(signature.service());
            if (service == null) {
                throw unknownService(signature.service());
            }
            verifier.requireScopedTo(signature, service.signingName());
            ctx.put(PENDING, new Pending(signature, verifier.resolve(signature)));
        } catch (EdgeException e) {
            refuse(ctx, service != null ? service.protocol(request) : protocolOf(request), e);
            return;
        }
        service.router().handleContext(ctx);
    }

    /** Registers a service's public endpoint under {@code label}. */
    void endpoint(String label, HostedRoutes.PublicEndpoint endpoint) {
        if (label.isEmpty() || label.indexOf('.') >= 0 || label.indexOf('/') >= 0) {
            throw new IllegalArgumentException("an endpoint label is one host label: " + label);
        }
        if (endpoints.putIfAbsent(label, endpoint) != null) {
            throw new IllegalArgumentException("two endpoints are labelled " + label);
        }
    }

    SigV4Verifier verifier() {
        return verifier;
    }

    Authorizer authorizer() {
        return authorizer;
    }

    /**
     * Reads the body of an operation's request within the service's bound, verifies the signature over it,
     * authorizes the caller and runs the handler.
     *
     * @param registered the REST operation the route matched, or {@code null} to find it by name in the body
     *     (query) or the {@code X-Amz-Target} header (JSON 1.x)
     */
    void run(RoutingContext ctx, HostedRoutes service, HostedRoutes.Registered registered) {
        BoundedBody.read(ctx.request(), service.maxRequestBytes(), body -> complete(ctx, service, registered, body),
                () -> tooLarge(ctx, service, registered));
    }

    private void complete(RoutingContext ctx, HostedRoutes service, HostedRoutes.Registered registered, Buffer body) {
        try {
            Pending pending = ctx.get(PENDING);
            if (!pending.credentials().signatureUnchecked()) {
                verifier.requireMatch(pending.signature(), VertxSignedRequests.of(ctx.request(), body),
                        pending.credentials().secretAccessKey());
            }
            ((RoutingContextInternal) ctx).setBody(body);
            Caller caller = pending.credentials().caller();
            ctx.put(CALLER, caller);
            ctx.put(ServiceRoutes.REGION, pending.signature().region());
            HostedRoutes.Registered operation = registered != null ? registered : named(ctx, service);
            authorizer.authorize(ctx, caller, service, operation);
            operation.handler().handle(ctx);
        } catch (EdgeException e) {
            ErrorWriter.send(ctx.response(), service.protocol(ctx.request()), e, requestId(ctx));
        } catch (RuntimeException e) {
            LOG.error("{} operation failed: {} {}", service.signingName(), ctx.request().method(), ctx.request().path(), e);
            ErrorWriter.send(ctx.response(), service.protocol(ctx.request()), internalFailure(e), requestId(ctx));
        }
    }

    /** The query or JSON 1.x operation the request names. */
    private static HostedRoutes.Registered named(RoutingContext ctx, HostedRoutes service) {
        if (service.protocol(ctx.request()) == Protocol.QUERY) {
            Map<String, String> parameters = FormParameters.of(ctx);
            String action = parameters.get("Action");
            if (action == null || action.isEmpty()) {
                throw EdgeException.of("MissingAction", 400, "Missing Action");
            }
            HostedRoutes.Registered operation = service.action(action);
            if (operation == null) {
                throw EdgeException.of("InvalidAction", 400, "Could not find operation " + action + " for version "
                        + parameters.getOrDefault("Version", "NO_VERSION_SPECIFIED"));
            }
            return operation;
        }
        String target = ctx.request().getHeader("X-Amz-Target");
        HostedRoutes.Registered operation = target == null ? null
                : service.action(target.substring(target.lastIndexOf('.') + 1));
        if (operation == null) {
            throw EdgeException.of("UnknownOperationException", 400, target == null
                    ? "Missing required header X-Amz-Target" : "Unknown operation " + target);
        }
        return operation;
    }

    private void tooLarge(RoutingContext ctx, HostedRoutes service, HostedRoutes.Registered registered) {
        String action = registered == null ? null : registered.operation().action();
        String operation = action == null ? null : action.substring(action.indexOf(':') + 1);
        String message = "Request must be smaller than " + service.maxRequestBytes() + " bytes"
                + (operation == null ? "" : " for the " + operation + " operation");
        Protocol protocol = service.protocol(ctx.request());
        EdgeException e = switch (protocol) {
            case REST_JSON, JSON_1_0, JSON_1_1 -> EdgeException.of("RequestEntityTooLargeException", 413, message);
            case QUERY -> EdgeException.of("RequestEntityTooLarge", 413, message);
            case REST_XML -> EdgeException.of("EntityTooLarge", 400,
                    "Your proposed upload exceeds the maximum allowed size");
        };
        boolean http1 = ctx.request().version() != HttpVersion.HTTP_2;
        if (http1) {
            ctx.response().putHeader("Connection", "close");
        }
        ErrorWriter.send(ctx.response(), protocol, e, requestId(ctx)).onComplete(done -> {
            if (http1) {
                ctx.request().connection().close();
            }
        });
    }

    /** A request that matched no operation of its service. */
    void unknownOperation(RoutingContext ctx, HostedRoutes service) {
        Protocol protocol = service.protocol(ctx.request());
        refuse(ctx, protocol, switch (protocol) {
            case REST_JSON -> EdgeException.of("UnknownOperationException", 404, "Unknown operation");
            case JSON_1_0, JSON_1_1 -> EdgeException.of("UnknownOperationException", 400, "Unknown operation");
            case QUERY -> EdgeException.of("InvalidAction", 400, "Could not find operation for "
                    + ctx.request().method() + " " + ctx.request().path());
            case REST_XML -> EdgeException.of("MethodNotAllowed", 405,
                    "The specified method is not allowed against this resource.");
        });
    }

    /** A failure the router reports: a request it cannot route (400, 404, 405) or a handler that failed. */
    void failure(RoutingContext ctx, Protocol protocol) {
        if (ctx.response().headers().get(REQUEST_ID) == null) {
            ctx.response().putHeader(REQUEST_ID, UUID.randomUUID().toString());
        }
        Throwable failure = ctx.failure();
        EdgeException e;
        if (failure instanceof EdgeException edge) {
            e = edge;
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            e = EdgeException.of(ctx.statusCode() == 404 ? "UnknownOperationException" : "BadRequest",
                    ctx.statusCode(), failure != null && failure.getMessage() != null ? failure.getMessage()
                            : ctx.statusCode() == 404 ? "Unknown operation" : "Bad request");
        } else {
            LOG.error("request failed: {} {}", ctx.request().method(), ctx.request().path(), failure);
            e = internalFailure(failure);
        }
        refuse(ctx, protocol, e);
    }

    /**
     * Answers {@code e} without reading the request's body; a large or chunked body that is still arriving is cut
     * off by closing the connection once the answer is written (HTTP/1.x; an HTTP/2 stream's flow control bounds
     * what the client can send, and the rest of its body is dropped).
     */
    static void refuse(RoutingContext ctx, Protocol protocol, EdgeException e) {
        HttpServerRequest request = ctx.request();
        long declared = BoundedBody.declaredLength(request);
        boolean close = !request.isEnded() && (declared < 0 || declared > DRAINED_BYTES)
                && request.version() != HttpVersion.HTTP_2;
        if (close) {
            ctx.response().putHeader("Connection", "close");
        }
        ErrorWriter.send(ctx.response(), protocol, e, requestId(ctx)).onComplete(done -> {
            if (close) {
                request.connection().close();
            }
        });
    }

    /** The protocol of the service the credential names, if it is hosted, else the one the request looks like. */
    private Protocol protocolOf(HttpServerRequest request) {
        String service = scopeService(request);
        HostedRoutes hosted = service == null ? null : services.get(service);
        return hosted != null ? hosted.protocol(request) : RequestProtocols.infer(request);
    }

    /** The fourth part of the credential in the {@code Authorization} header or the query, or {@code null}. */
    private static String scopeService(HttpServerRequest request) {
        String credential = null;
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            int start = authorization.indexOf("Credential=");
            if (start >= 0) {
                int end = authorization.indexOf(',', start);
                credential = authorization.substring(start + 11, end < 0 ? authorization.length() : end).trim();
            }
        } else {
            try {
                credential = request.getParam("X-Amz-Credential");
            } catch (RuntimeException malformedQuery) {
                credential = null;
            }
        }
        String[] parts = credential == null ? new String[0] : credential.split("/");
        return parts.length >= 4 ? parts[3] : null;
    }

    private EdgeException unknownService(String name) {
        return EdgeException.of("UnknownServiceException", 400, "Gust does not host the service '" + name
                + "' named in the request's credential scope; it hosts: " + String.join(", ", services.keySet()));
    }

    static EdgeException internalFailure(Throwable e) {
        return EdgeException.of("InternalFailure", 500, "An internal error occurred. The server's log has the details.");
    }

    private static String requestId(RoutingContext ctx) {
        return ctx.response().headers().get(REQUEST_ID);
    }

    /** What the edge learned about a request before it read the body. */
    private record Pending(Signature signature, ResolvedCredentials credentials) {
    }
}
