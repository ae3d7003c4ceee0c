package dev.gust.edge;

import dev.gust.policy.Decision;
import dev.gust.policy.Policy;
import dev.gust.policy.PolicyEvaluation;
import dev.gust.policy.RequestContext;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The edge's authorization step: AWS's policy evaluation for every operation (IAM User Guide, "Policy evaluation
 * logic") over the caller's identity-based policies ({@link IdentityPolicies}), the resource's policy
 * ({@link HostedService#resourcePolicy}) and the caller's grant as the session's bound, with the global condition
 * keys and the operation's own ({@link ConditionKeys}). A denial is {@link AuthFailure#ACCESS_DENIED} with AWS's
 * message. Operations of kind {@link OperationKind#IDENTITY} need no permission, as on AWS. Thread-safe; runs on event
 * loops and touches no JSON.
 */
final class Authorizer {

    private final IdentityPolicies identityPolicies;
    private final InstantSource clock;

    Authorizer(IdentityPolicies identityPolicies, InstantSource clock) {
        this.identityPolicies = Objects.requireNonNull(identityPolicies, "identityPolicies");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Allows the request to run, or throws.
     *
     * @throws EdgeException {@link AuthFailure#ACCESS_DENIED} with AWS's message for the denial
     */
    void authorize(RoutingContext ctx, Caller caller, HostedRoutes service, HostedRoutes.Registered registered) {
        Operation operation = registered.operation();
        if (operation.kind() == OperationKind.IDENTITY) {
            return;
        }
        authorizeEndpoint(ctx, caller, service, operation, registered.resource().apply(ctx),
                service.conditionKeys(operation));
    }

    /**
     * Allows {@code operation} on {@code resource} (an endpoint's request, or an operation's), or throws.
     *
     * @param keys the operation's own condition keys, or {@code null}
     * @throws EdgeException {@link AuthFailure#ACCESS_DENIED} with AWS's message for the denial
     */
    void authorizeEndpoint(RoutingContext ctx, Caller caller, HostedRoutes service, Operation operation,
            String resource, ConditionKeys keys) {
        if (operation.kind() == OperationKind.IDENTITY) {
            return;
        }
        // the peer itself, never a Forwarded header (and without Vert.x Web's parsing of them)
        SocketAddress remote = ctx.request().connection().remoteAddress();
        Decision decision = decide(caller, operation, resource, service.resourcePolicy(resource),
                new Origin(remote == null ? null : remote.hostAddress(), ctx.request().isSSL(),
                        ServiceRoutes.region(ctx)),
                keys == null ? null : request -> keys.addTo(ctx, request));
        if (!decision.allowed()) {
            throw EdgeException.auth(AuthFailure.ACCESS_DENIED,
                    decision.message(caller.arn(), operation.action(), resource));
        }
    }

    /**
     * Decides a request to {@code operation} on {@code resource}.
     *
     * @param operationKeys adds the operation's own condition keys, or {@code null}
     */
    Decision decide(Caller caller, Operation operation, String resource, Optional<Policy> resourcePolicy,
            Origin origin, Consumer<RequestContext.Builder> operationKeys) {
        String resourceAccount = resourceAccount(resource, caller);
        boolean withinGrant = caller.grant().allows(operation.kind());
        boolean ownAccount = resourceAccount.equals(caller.accountId());
        if (ownAccount && resourcePolicy.isEmpty() && caller.isAccountRoot()) {
            // the root may do everything in its account, and there is no resource policy to deny it
            return withinGrant ? Decision.ALLOWED : new Decision(Decision.Outcome.IMPLICIT_DENY,
                    Decision.PolicyType.SESSION);
        }
        List<Policy> policies = caller.isAccountRoot() ? List.of() : identityPolicies.of(caller);
        if (ownAccount && resourcePolicy.isEmpty() && policies.isEmpty()) {
            return new Decision(Decision.Outcome.IMPLICIT_DENY, Decision.PolicyType.IDENTITY_BASED);
        }
        RequestContext request = context(caller, operation, resource, resourceAccount,
                readsConditionKeys(policies, resourcePolicy) ? origin : null, operationKeys);
        return PolicyEvaluation.evaluate(request, policies, resourcePolicy, withinGrant);
    }

    /**
     * Whether any policy to evaluate may read a condition key: most have no condition and no policy variable, and
     * for them the keys (a clock read, a timestamp formatted, a dozen strings) are not built.
     */
    private static boolean readsConditionKeys(List<Policy> policies, Optional<Policy> resourcePolicy) {
        if (resourcePolicy.isPresent() && resourcePolicy.get().readsConditionKeys()) {
            return true;
        }
        for (Policy policy : policies) {
            if (policy.readsConditionKeys()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The request context: the principal, the resource, and unless {@code origin} is {@code null} (no policy reads
     * them) the global condition keys and the operation's own.
     */
    private RequestContext context(Caller caller, Operation operation, String resource, String resourceAccount,
            Origin origin, Consumer<RequestContext.Builder> operationKeys) {
        String principalArn = caller.principalArn();
        RequestContext.Builder request = RequestContext.builder(operation.action(), resource)
                .principal(principalArn, caller.accountId())
                .caller(caller.arn())
                .resourceAccount(resourceAccount);
        if (origin == null) {
            return request.build();
        }
        Instant now = clock.instant();
        // keys in lower case (they are case-insensitive), which the context then keeps as they are
        request.key("aws:sourceip", origin.sourceIp())
                .key("aws:securetransport", Boolean.toString(origin.secureTransport()))
                .key("aws:currenttime", now.toString())
                .key("aws:epochtime", Long.toString(now.getEpochSecond()))
                .key("aws:requestedregion", origin.region())
                .key("aws:principalarn", principalArn)
                .key("aws:principalaccount", caller.accountId())
                .key("aws:principaltype", principalType(caller))
                .key("aws:userid", caller.userId())
                .key("aws:username", userName(caller));
        if (operationKeys != null) {
            operationKeys.accept(request);
        }
        return request.build();
    }

    /**
     * The account field of the resource's ARN, or the caller's account for {@code *}, ARNs without one and ARNs whose
     * account field is not an account id ({@code arn:aws:iam::aws:policy/...}).
     */
    static String resourceAccount(String resource, Caller caller) {
        int start = 0;
        for (int i = 0; i < 4; i++) {
            start = resource.indexOf(':', start) + 1;
            if (start == 0) {
                return caller.accountId();
            }
        }
        int end = resource.indexOf(':', start);
        // an account field that is no account id (AWS-managed policies' "aws") names no other account
        return end - start == 12 && isDigits(resource, start, end) ? resource.substring(start, end)
                : caller.accountId();
    }

    private static boolean isDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Where a request comes from, for the global condition keys.
     *
     * @param sourceIp the client's address ({@code aws:SourceIp}), or {@code null}
     * @param secureTransport whether it came over TLS ({@code aws:SecureTransport})
     * @param region the region it is signed for ({@code aws:RequestedRegion})
     */
    record Origin(String sourceIp, boolean secureTransport, String region) {
    }

    /** {@code aws:PrincipalType}: {@code Account} for a root, {@code User}, or {@code AssumedRole}. */
    private static String principalType(Caller caller) {
        if (caller.isAccountRoot()) {
            return "Account";
        }
        if (caller.arn().startsWith("arn:aws:iam::")) {
            return "User";
        }
        return caller.arn().startsWith("arn:aws:sts::") ? "AssumedRole" : null;
    }

    /** {@code aws:username}: an IAM user's name (the last part of its ARN), only for users. */
    private static String userName(Caller caller) {
        String arn = caller.arn();
        return arn.startsWith("arn:aws:iam::") && arn.startsWith(":user/", arn.indexOf(':', 13))
                ? arn.substring(arn.lastIndexOf('/') + 1) : null;
    }
}
