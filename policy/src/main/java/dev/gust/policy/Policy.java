package dev.gust.policy;

import java.util.List;
import java.util.Objects;

/**
 * One IAM policy document (identity-based, resource-based or a role's trust policy), parsed, validated and compiled
 * once, so that evaluating it per request touches no JSON and compiles no pattern. Immutable and thread-safe.
 */
public final class Policy {

    private final String document;
    private final PolicyKind kind;
    private final List<Statement> statements;
    private final boolean readsConditionKeys;

    Policy(String document, PolicyKind kind, List<Statement> statements) {
        this.document = Objects.requireNonNull(document, "document");
        this.kind = kind;
        this.statements = List.copyOf(statements);
        this.readsConditionKeys = this.statements.stream().anyMatch(Statement::readsConditionKeys);
    }

    /**
     * Whether evaluating this policy may read a condition key (it has a condition or a policy variable): a request
     * evaluated only against policies that do not may leave the keys out of its {@link RequestContext}.
     */
    public boolean readsConditionKeys() {
        return readsConditionKeys;
    }

    /**
     * Parses and compiles an identity-based policy: a user's, group's or role's inline or managed policy.
     *
     * @throws MalformedPolicyException when the document is not a valid policy, with IAM's message
     */
    public static Policy identity(String json) {
        return PolicyParser.parse(json, PolicyKind.IDENTITY);
    }

    /**
     * Parses and compiles a resource-based policy, such as a function's policy: its statements name principals.
     *
     * @throws MalformedPolicyException when the document is not a valid policy, with IAM's message
     */
    public static Policy resource(String json) {
        return PolicyParser.parse(json, PolicyKind.RESOURCE);
    }

    /**
     * Parses and compiles a role's trust policy ({@code AssumeRolePolicyDocument}).
     *
     * @throws MalformedPolicyException when the document is not a valid trust policy, with IAM's message
     */
    public static Policy trust(String json) {
        return PolicyParser.parse(json, PolicyKind.TRUST);
    }

    /**
     * Parses and compiles a policy whose kind its statements tell: resource-based if one names principals, else
     * identity-based. Prefer {@link #identity}, {@link #resource} or {@link #trust}, which validate as IAM does for
     * where the document goes.
     *
     * @throws MalformedPolicyException when the document is not a valid policy, with IAM's message
     */
    public static Policy parse(String json) {
        return PolicyParser.parse(json, PolicyParser.namesPrincipals(json) ? PolicyKind.RESOURCE
                : PolicyKind.IDENTITY);
    }

    /**
     * Parses and compiles a policy of the given kind.
     *
     * @throws MalformedPolicyException when the document is not a valid policy, with IAM's message
     */
    public static Policy parse(String json, PolicyKind kind) {
        return PolicyParser.parse(json, Objects.requireNonNull(kind, "kind"));
    }

    /** The document as it was given, for Get*Policy answers. */
    public String document() {
        return document;
    }

    /** What the policy is attached to. */
    public PolicyKind kind() {
        return kind;
    }

    /**
     * What this policy's statements say about a request: {@link PolicyMatch#DENY} if a statement that applies denies
     * it, else how the most specific applying {@code Allow} names the caller, else {@link PolicyMatch#NONE}.
     */
    public PolicyMatch evaluate(RequestContext request) {
        PolicyMatch result = PolicyMatch.NONE;
        for (Statement statement : statements) {
            PolicyMatch match = statement.evaluate(request);
            if (match == PolicyMatch.DENY) {
                return match;
            }
            if (match.ordinal() > result.ordinal()) {
                result = match;
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "Policy[" + kind + ", " + statements.size() + " statements]";
    }
}
