package dev.gust.server;

import dev.gust.edge.Caller;
import dev.gust.edge.IdentityPolicies;
import dev.gust.edge.OperationKind;
import dev.gust.policy.Policy;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The identity-based policies the edge evaluates: IAM's for every principal IAM knows. A session of a role IAM does
 * not know with the {@code function-credentials} grant is a function's execution-role session (AssumeRole opens
 * sessions of existing roles only); until Lambda creates or checks execution roles (issue 22, dev and strict modes)
 * it keeps one allow-everything policy, so that its grant alone bounds it, as before IAM. Any other principal IAM does
 * not know (a session of a deleted role) has none. Immutable.
 */
final class ExecutionRoleFallback implements IdentityPolicies {

    private static final List<Policy> ALLOW_ALL = List.of(Policy.identity("""
            {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"""));

    private final IdentityPolicies iam;
    private final Predicate<Caller> known;
    private final OperationKind functionGrant;

    /**
     * @param iam IAM's identity-based policies
     * @param known whether IAM knows a caller's principal (a user or a role that exists)
     * @param functionGrant the grant of every function's credentials (setting {@code function-credentials})
     */
    ExecutionRoleFallback(IdentityPolicies iam, Predicate<Caller> known, OperationKind functionGrant) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.known = Objects.requireNonNull(known, "known");
        this.functionGrant = Objects.requireNonNull(functionGrant, "functionGrant");
    }

    @Override
    public List<Policy> of(Caller caller) {
        if (caller.isAccountRoot() || known.test(caller)) {
            return iam.of(caller);
        }
        boolean functionSession = caller.expiration() != null && caller.grant() == functionGrant;
        return functionSession ? ALLOW_ALL : List.of();
    }
}
