package dev.gust.server;

import dev.gust.edge.Caller;
import dev.gust.edge.IdentityPolicies;
import dev.gust.policy.Policy;
import java.util.List;

/**
 * The identity-based policies of every principal until IAM keeps them: one policy that allows everything, so that a
 * session's grant alone bounds what it may do (the behaviour before issue 22), and roots, which need no policy, are
 * unaffected. Replaced by IAM's {@link IdentityPolicies} when IAM is wired in. Immutable.
 */
final class GrantIdentityPolicies implements IdentityPolicies {

    private static final List<Policy> ALLOW_ALL = List.of(Policy.identity("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"""));

    @Override
    public List<Policy> of(Caller caller) {
        return caller.isAccountRoot() ? List.of() : ALLOW_ALL;
    }
}
