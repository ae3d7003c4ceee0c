/**
 * Resource-based policies of functions (AddPermission): their statements, and how a statement allows an invocation
 * ({@link dev.gust.core.permissions.PolicyEvaluator}). Pure domain, no I/O.
 */
package dev.gust.core.permissions;
