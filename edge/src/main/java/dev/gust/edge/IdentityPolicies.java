package dev.gust.edge;

import dev.gust.policy.Policy;
import java.util.List;

/**
 * The identity-based policies of the principal behind a request, which the edge evaluates with the resource's policy
 * for every operation: a user's inline and attached managed policies, or an assumed role's. Implemented by IAM.
 *
 * <p>Implementations are thread-safe and answer from memory (called on event loops, once per request): they keep
 * every principal's compiled policies and replace them after each durable IAM change.
 */
@FunctionalInterface
public interface IdentityPolicies {

    /**
     * The identity-based policies that apply to {@code caller}'s principal ({@link Caller#principalArn()}), compiled;
     * empty for an account root (whom the evaluation allows everything in its own account) and for a principal IAM
     * does not know.
     */
    List<Policy> of(Caller caller);

    /** No identity-based policies for anyone: only account roots are allowed in their own account. */
    IdentityPolicies NONE = caller -> List.of();
}
