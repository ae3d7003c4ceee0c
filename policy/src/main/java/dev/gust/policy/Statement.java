package dev.gust.policy;

/**
 * One compiled statement of a policy: its effect, whom it names (resource-based policies), the actions and resources
 * it covers (or excludes, for {@code NotAction}/{@code NotResource}) and its conditions. Immutable.
 *
 * @param principals the statement's {@code Principal} or {@code NotPrincipal}, or {@code null} (identity-based)
 * @param resources the resources' patterns, or {@code null} when the statement has none (a trust policy)
 */
record Statement(String sid, Effect effect, Principals principals, boolean notPrincipal, Wildcards[] actions,
        boolean notAction, ArnPattern[] resources, boolean notResource, Condition[] conditions) {

    /**
     * What this statement says about the request: {@link PolicyMatch#NONE} unless it applies (action, resource,
     * principal and every condition match), else {@link PolicyMatch#DENY} or how it names the caller.
     */
    PolicyMatch evaluate(RequestContext request) {
        if (actionMatches(request) == notAction || resourceMatches(request) == notResource) {
            return PolicyMatch.NONE;
        }
        PolicyMatch who = principalMatch(request);
        if (who == PolicyMatch.NONE) {
            return who;
        }
        for (Condition condition : conditions) {
            if (!condition.test(request)) {
                return PolicyMatch.NONE;
            }
        }
        return effect == Effect.DENY ? PolicyMatch.DENY : who;
    }

    /** Whether evaluating this statement may read a condition key: it has a condition or a policy variable. */
    boolean readsConditionKeys() {
        if (conditions.length > 0) {
            return true;
        }
        for (Wildcards action : actions) {
            if (action.hasVariables()) {
                return true;
            }
        }
        if (resources != null) {
            for (ArnPattern resource : resources) {
                if (resource.hasVariables()) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean actionMatches(RequestContext request) {
        for (Wildcards action : actions) {
            if (action.matches(request.action(), request)) {
                return true;
            }
        }
        return false;
    }

    private boolean resourceMatches(RequestContext request) {
        if (resources == null) {
            return !notResource;
        }
        for (ArnPattern resource : resources) {
            if (resource.matches(request.resource(), request)) {
                return true;
            }
        }
        return false;
    }

    private PolicyMatch principalMatch(RequestContext request) {
        if (principals == null) {
            return PolicyMatch.ALLOW;
        }
        PolicyMatch match = principals.match(request);
        if (notPrincipal) {
            return match == PolicyMatch.ALLOW ? PolicyMatch.NONE : PolicyMatch.ALLOW;
        }
        return match;
    }
}
