package dev.gust.policy;

import java.util.Objects;

/**
 * The outcome of evaluating a request and, for a denial, which kind of policy decided it, from which AWS words its
 * access-denied message. Immutable.
 *
 * @param outcome allowed, denied by a statement, or denied because nothing allowed it
 * @param policyType for a denial, the kind of policy that denied it or failed to allow it; {@code null} when allowed
 */
public record Decision(Outcome outcome, PolicyType policyType) {

    /** The request is allowed. */
    public static final Decision ALLOWED = new Decision(Outcome.ALLOW, null);

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.ALLOW) != (policyType == null)) {
            throw new IllegalArgumentException("a denial, and only a denial, names its policy type");
        }
    }

    static Decision explicitDeny(PolicyType type) {
        return new Decision(Outcome.EXPLICIT_DENY, type);
    }

    static Decision implicitDeny(PolicyType type) {
        return new Decision(Outcome.IMPLICIT_DENY, type);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOW;
    }

    /**
     * AWS's access-denied message for this denial (IAM User Guide, "Troubleshoot access denied error messages"), such
     * as {@code User: arn:aws:iam::123456789012:user/carla is not authorized to perform: lambda:InvokeFunction on
     * resource: arn:... because no identity-based policy allows the lambda:InvokeFunction action}.
     *
     * @param callerArn the ARN the request was made as (an assumed role's session ARN for a role)
     */
    public String message(String callerArn, String action, String resource) {
        if (allowed()) {
            throw new IllegalStateException("an allowed request has no access-denied message");
        }
        String why = outcome == Outcome.EXPLICIT_DENY
                ? "with an explicit deny in " + policyType.article() + " " + policyType.label() + " policy"
                : "because no " + policyType.label() + " policy allows the " + action + " action";
        return "User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resource + " "
                + why;
    }

    /** What the evaluation decided. */
    public enum Outcome {
        ALLOW,
        /** A statement that applies denies the request. */
        EXPLICIT_DENY,
        /** No policy that must allow the request does. */
        IMPLICIT_DENY
    }

    /** The kind of policy a denial comes from. */
    public enum PolicyType {
        IDENTITY_BASED("an", "identity-based"),
        RESOURCE_BASED("a", "resource-based"),
        /** The session's bound: an assumed role's grant, as a session policy bounds a session on AWS. */
        SESSION("a", "session");

        private final String article;
        private final String label;

        PolicyType(String article, String label) {
            this.article = article;
            this.label = label;
        }

        String article() {
            return article;
        }

        String label() {
            return label;
        }
    }
}
