package dev.gust.sts;

import dev.gust.core.credentials.Roles;
import dev.gust.edge.Caller;
import dev.gust.edge.FormParameters;
import dev.gust.edge.HostedService;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import dev.gust.policy.Policy;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS Security Token Service (API version 2011-06-15) on the edge: {@code GetCallerIdentity} and
 * {@code AssumeRole}, in the query protocol with XML responses. Its handlers run on the event loop: they only
 * compute (an HMAC or two), never block. Thread-safe.
 */
public final class StsService implements HostedService {

    /** Who the caller is; needs no permission on AWS either. */
    static final Operation GET_CALLER_IDENTITY =
            new Operation("GetCallerIdentity", "sts:GetCallerIdentity", OperationKind.IDENTITY);
    /** The data plane, so that code in a function may assume a role; the session never exceeds the caller's grant. */
    static final Operation ASSUME_ROLE = new Operation("AssumeRole", "sts:AssumeRole", OperationKind.DATA);

    private static final long MAX_REQUEST_BYTES = 64 * 1024;

    private final AssumeRole assumeRole;
    private final Roles roles;
    /** Compiled trust policies by role ARN, each replaced when its role's document changes. */
    private final Map<String, Policy> trustPolicies = new ConcurrentHashMap<>();

    /**
     * @param tokens mints the sessions {@code AssumeRole} opens
     * @param roles the roles that exist (IAM's)
     */
    public StsService(SessionTokens tokens, Roles roles) {
        this.roles = Objects.requireNonNull(roles, "roles");
        this.assumeRole = new AssumeRole(Objects.requireNonNull(tokens, "tokens"), roles);
    }

    @Override
    public String signingName() {
        return "sts";
    }

    @Override
    public Protocol protocol() {
        return Protocol.QUERY;
    }

    @Override
    public long maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }

    /**
     * The trust policy of the role {@code resource} names, compiled once per document: what the edge evaluates for
     * {@code sts:AssumeRole}. Empty for anything else, and for a role that does not exist (AssumeRole refuses it).
     */
    @Override
    public Optional<Policy> resourcePolicy(String resource) {
        return AssumeRole.find(roles, resource).map(role -> trustPolicies.compute(role.arn(),
                (arn, cached) -> cached != null && cached.document().equals(role.trustPolicy()) ? cached
                        : Policy.trust(role.trustPolicy())));
    }

    @Override
    public void register(ServiceRoutes routes) {
        routes.action(GET_CALLER_IDENTITY, ctx -> "*", this::getCallerIdentity);
        routes.action(ASSUME_ROLE, ctx -> {
            String roleArn = parameters(ctx).get("RoleArn");
            return roleArn == null ? "*" : roleArn;
        }, this::assumeRole);
    }

    private void getCallerIdentity(RoutingContext ctx) {
        respond(ctx, StsXml.callerIdentity(ServiceRoutes.caller(ctx), ServiceRoutes.requestId(ctx)));
    }

    private void assumeRole(RoutingContext ctx) {
        Caller caller = ServiceRoutes.caller(ctx);
        AssumeRole.AssumedRole assumed = assumeRole.assume(caller, parameters(ctx));
        respond(ctx, StsXml.assumeRole(assumed.issued(), assumed.packedPolicySize(),
                ServiceRoutes.requestId(ctx)));
    }

    /** The request's parameters: the form body of a {@code POST}, or the URL's query of a {@code GET}. */
    private static Map<String, String> parameters(RoutingContext ctx) {
        return FormParameters.of(ctx);
    }


    private static void respond(RoutingContext ctx, String xml) {
        ctx.response().putHeader("Content-Type", StsXml.CONTENT_TYPE).setStatusCode(200).end(xml);
    }
}
