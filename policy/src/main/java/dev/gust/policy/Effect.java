package dev.gust.policy;

/** A statement's {@code Effect}: whether it allows or denies what it matches. */
enum Effect {
    ALLOW,
    DENY
}
