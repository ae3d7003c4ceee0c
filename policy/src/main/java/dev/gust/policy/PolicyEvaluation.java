package dev.gust.policy;

import java.util.List;
import java.util.Optional;

/**
 * AWS's policy evaluation logic for one request (IAM User Guide, "Policy evaluation logic"): an explicit deny in any
 * policy wins; then, within one account, an allow in the identity-based policies or in a resource-based policy that
 * names the caller suffices, while across accounts both the caller's identity-based policies and the resource's
 * policy must allow; last, the session's bound must cover what the policies allow. An account's root is allowed everything in its own
 * account (its identity side always allows). A role's trust policy must allow even within its account. Stateless.
 */
public final class PolicyEvaluation {

    private PolicyEvaluation() {
    }

    /**
     * Decides a request.
     *
     * @param identityPolicies the caller's identity-based policies (none for a root or a service principal)
     * @param resourcePolicy the resource's resource-based policy (or a role's trust policy), if it has one
     * @param withinSessionBound whether the caller's session bound (an assumed role's grant) covers the request
     */
    public static Decision evaluate(RequestContext request, List<Policy> identityPolicies,
            Optional<Policy> resourcePolicy, boolean withinSessionBound) {
        Decision decision = evaluate(request, identityPolicies, resourcePolicy);
        return decision.allowed() && !withinSessionBound ? Decision.implicitDeny(Decision.PolicyType.SESSION)
                : decision;
    }

    private static Decision evaluate(RequestContext request, List<Policy> identityPolicies,
            Optional<Policy> resourcePolicy) {
        PolicyMatch identity = PolicyMatch.NONE;
        for (Policy policy : identityPolicies) {
            PolicyMatch match = policy.evaluate(request);
            if (match == PolicyMatch.DENY) {
                return Decision.explicitDeny(Decision.PolicyType.IDENTITY_BASED);
            }
            if (match.ordinal() > identity.ordinal()) {
                identity = match;
            }
        }
        PolicyMatch resource = resourcePolicy.map(policy -> policy.evaluate(request)).orElse(PolicyMatch.NONE);
        if (resource == PolicyMatch.DENY) {
            return Decision.explicitDeny(Decision.PolicyType.RESOURCE_BASED);
        }
        boolean service = request.principalArn() == null && request.servicePrincipal() != null;
        boolean identityAllows = identity == PolicyMatch.ALLOW || request.isAccountRoot() || service;
        boolean trust = resourcePolicy.map(policy -> policy.kind() == PolicyKind.TRUST).orElse(false);
        if (request.isSameAccount() && !trust) {
            return identityAllows || resource == PolicyMatch.ALLOW ? Decision.ALLOWED
                    : Decision.implicitDeny(Decision.PolicyType.IDENTITY_BASED);
        }
        if (resource == PolicyMatch.ALLOW && (trust && request.isSameAccount() || service)) {
            return Decision.ALLOWED;
        }
        if (!identityAllows) {
            return Decision.implicitDeny(Decision.PolicyType.IDENTITY_BASED);
        }
        return resource == PolicyMatch.NONE ? Decision.implicitDeny(Decision.PolicyType.RESOURCE_BASED)
                : Decision.ALLOWED;
    }
}
