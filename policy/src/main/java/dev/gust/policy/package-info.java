/**
 * The IAM policy language and AWS's policy evaluation logic (docs/design/security.md): {@link dev.gust.policy.Policy}
 * documents compiled once, and the decision for one request. Pure: no I/O, no service's knowledge.
 */
package dev.gust.policy;
