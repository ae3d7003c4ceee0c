package dev.gust.edge;

import dev.gust.edge.CredentialsResolver.ResolvedCredentials;
import dev.gust.edge.auth.SigV4Verifier;
import dev.gust.edge.auth.Signature;
import dev.gust.edge.auth.VertxSignedRequests;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a public endpoint ({@link ServiceRoutes#endpoint}), as the edge routed it: the endpoint's id (a
 * function URL's id, an API's id), the region its host names, the path the endpoint sees, and the means to
 * authenticate and authorize it, which the endpoint uses when its resource asks for it (a function URL with
 * {@code AWS_IAM}). Used on the request's event loop, by one handler.
 */
public final class EndpointRequest {

    private final RoutingContext ctx;
    private final String label;
    private final String id;
    private final String region;
    private final String path;
    private final ServiceEdge edge;
    private final HostedRoutes service;
    private final Buffer body;

    EndpointRequest(RoutingContext ctx, String label, String id, String region, String path, ServiceEdge edge,
            HostedRoutes service, Buffer body) {
        this.ctx = ctx;
        this.label = label;
        this.id = id;
        this.region = region;
        this.path = path;
        this.edge = edge;
        this.service = service;
        this.body = body;
    }

    /** The request's routing context; its response is the endpoint's to write. */
    public RoutingContext context() {
        return ctx;
    }

    /** The HTTP request. */
    public HttpServerRequest request() {
        return ctx.request();
    }

    /** The endpoint's label: {@code lambda-url}, {@code execute-api}. */
    public String label() {
        return label;
    }

    /** The id in the host ({@code <id>.<label>.<region>.<domain>}) or the path form ({@code /_gust/<label>/<id>/}), lower-cased. */
    public String id() {
        return id;
    }

    /** The region the host names; empty for the path form, whose id alone names the resource. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** Whether the request used the path form {@code /_gust/<label>/<id>/...}. */
    public boolean pathForm() {
        return region == null;
    }

    /**
     * The path the endpoint sees, as sent (percent-encoding kept), always starting with {@code /}: the request's path,
     * or in the path form what follows {@code /_gust/<label>/<id>}.
     */
    public String path() {
        return path;
    }

    /** The raw query string, without {@code ?}, or {@code null} when there is none. */
    public String rawQuery() {
        return ctx.request().query();
    }

    /** The body, read within the endpoint's bound (empty for {@link EndpointHandler#tooLarge}). */
    public Buffer body() {
        return body;
    }

    /** The request id the edge gave the request ({@code x-amzn-RequestId}, already set on the response). */
    public String requestId() {
        return ctx.response().headers().get(ServiceEdge.REQUEST_ID);
    }

    /** The client's address as the connection shows it (never a forwarding header). */
    public String sourceIp() {
        var remote = ctx.request().connection().remoteAddress();
        return remote == null ? null : remote.hostAddress();
    }

    /** Whether the request carries a SigV4 signature (an {@code Authorization} header or a presigned query). */
    public boolean signed() {
        return SigV4Verifier.isSigned(ctx.request().getHeader("Authorization"), ctx.request().query());
    }

    /**
     * Authenticates the request's SigV4 signature, which must be scoped to {@code signingName} ({@code lambda} for
     * function URLs, {@code execute-api} for API Gateway), over the body: the caller, whose region is then
     * {@link ServiceRoutes#region}.
     *
     * @throws EdgeException with the edge's authentication error (type, status, message) when the request is not
     *     signed, the key is unknown, or the signature does not match
     */
    public Caller authenticate(String signingName) {
        Objects.requireNonNull(signingName, "signingName");
        SigV4Verifier verifier = edge.verifier();
        if (!signed()) {
            throw EdgeException.auth(AuthFailure.MISSING_TOKEN, "Missing Authentication Token");
        }
        Signature signature = verifier.parse(VertxSignedRequests.of(ctx.request(), null));
        verifier.requireScopedTo(signature, signingName);
        ResolvedCredentials credentials = verifier.resolve(signature);
        if (!credentials.signatureUnchecked()) {
            verifier.requireMatch(signature, VertxSignedRequests.of(ctx.request(), body),
                    credentials.secretAccessKey());
        }
        Caller caller = credentials.caller();
        ctx.put(Caller.class.getName(), caller);
        ctx.put(ServiceRoutes.REGION, signature.region());
        return caller;
    }

    /**
     * Authorizes an authenticated caller to perform {@code operation} on {@code resource} with AWS's policy evaluation:
     * the caller's identity-based policies, the resource's policy ({@link HostedService#resourcePolicy}), the
     * caller's grant, the global condition keys and {@code keys}.
     *
     * @param keys the operation's own condition keys (such as {@code lambda:FunctionUrlAuthType}), or {@code null}
     * @throws EdgeException {@link AuthFailure#ACCESS_DENIED} with AWS's message
     */
    public void authorize(Caller caller, Operation operation, String resource, ConditionKeys keys) {
        edge.authorizer().authorizeEndpoint(ctx, caller, service, operation, resource, keys);
    }
}
