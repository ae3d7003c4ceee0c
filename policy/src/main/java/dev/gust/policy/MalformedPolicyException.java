package dev.gust.policy;

/**
 * A policy document that is not valid IAM policy language; the message is IAM's ({@code MalformedPolicyDocument}),
 * such as {@code Syntax errors in policy.} or {@code Policy statement must contain actions.}.
 */
public final class MalformedPolicyException extends RuntimeException {

    public MalformedPolicyException(String message) {
        super(message);
    }
}
