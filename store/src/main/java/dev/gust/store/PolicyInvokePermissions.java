package dev.gust.store;

import dev.gust.core.invoke.InvokeAuthorization;
import dev.gust.core.invoke.InvokePermissions;
import dev.gust.core.permissions.PolicyEvaluator;

/**
 * {@link InvokePermissions} over the policies in a {@link FunctionPolicyStore}: a request is allowed when a
 * statement of the policy of exactly the function, version or alias it names allows it ({@link PolicyEvaluator}).
 * An unqualified request, or one qualified {@code $LATEST}, is judged by the unqualified function's policy; a
 * version's or alias's policy is never consulted for another qualifier. No policy allows nothing.
 *
 * <p>Thread-safe; blocks on the store.
 *
 * <p>It asks the policies of its store's namespace: a trigger of one account and region builds it over
 * {@code policies.in(account)}.
 */
public final class PolicyInvokePermissions implements InvokePermissions {

    private final FunctionPolicyStore policies;

    public PolicyInvokePermissions(FunctionPolicyStore policies) {
        this.policies = policies;
    }

    @Override
    public boolean allows(InvokeAuthorization request) {
        String qualifier = request.qualifier().orElse(FunctionPolicyStore.LATEST);
        return policies.find(request.functionName(), qualifier)
                .map(policy -> PolicyEvaluator.allows(policy, request))
                .orElse(false);
    }
}
