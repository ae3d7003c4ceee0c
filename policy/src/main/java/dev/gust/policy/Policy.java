package dev.gust.policy;

/**
 * One IAM policy document (identity-based, resource-based or a role's trust policy), parsed, validated and compiled
 * once, so that evaluating it per request costs no parsing. Immutable and thread-safe.
 */
public interface Policy {

    /**
     * Parses and compiles a policy document.
     *
     * @throws MalformedPolicyException when the document is not a valid policy, with IAM's message
     */
    static Policy parse(String json) {
        throw new UnsupportedOperationException("the policy language is being written (issue 22)");
    }

    /** The document as it was given, for Get*Policy answers. */
    String document();
}
