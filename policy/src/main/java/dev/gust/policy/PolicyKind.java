package dev.gust.policy;

/**
 * What a policy document is attached to, which decides which elements it must have and which it may not have.
 */
public enum PolicyKind {
    /**
     * Attached to a user, group or role (inline or managed): {@code Principal} is prohibited, every statement needs
     * actions and resources, and the document must be version {@code 2012-10-17}.
     */
    IDENTITY,
    /** Attached to a resource (a function's policy, later a queue's or a bucket's): every statement names principals. */
    RESOURCE,
    /**
     * A role's trust policy: a resource-based policy on the role whose statements name principals, may only name the
     * {@code sts:AssumeRole*} actions and have no resources. A trust policy must allow a principal even within its
     * account (a role cannot be assumed on identity-based policies alone).
     */
    TRUST
}
