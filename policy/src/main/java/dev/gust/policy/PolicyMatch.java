package dev.gust.policy;

/**
 * What one policy says about one request. Ordered by strength, so that the strongest of a policy's statements wins.
 */
public enum PolicyMatch {
    /** No statement applies to the request: an implicit deny, unless another policy allows it. */
    NONE,
    /**
     * A resource-based statement allows the request for the caller's whole account (its {@code Principal} is the
     * account or its root): the account must still delegate the access with an identity-based policy.
     */
    ALLOW_ACCOUNT,
    /** A statement allows the request (an identity-based one, or a resource-based one that names the caller). */
    ALLOW,
    /** A statement that applies denies the request, which no allow overrides. */
    DENY
}
