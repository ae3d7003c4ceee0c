package dev.gust.policy;

/** One compiled value of a condition, tested against one value of the request's condition key. Immutable. */
@FunctionalInterface
interface ValueTest {

    /** Whether the request's value matches this policy value (before the operator's negation). */
    boolean test(String requestValue, RequestContext request);
}
