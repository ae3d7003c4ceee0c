/**
 * AWS Identity and Access Management, hosted on the edge ({@code docs/compat/iam.md}): users and their access keys,
 * roles with trust policies, inline and managed policies. {@link dev.gust.iam.Iam} keeps every account's IAM in
 * memory, written through to the identity store, and answers the edge (user keys, identity-based policies), STS
 * (roles) and Organizations (new accounts' access roles) from memory.
 */
package dev.gust.iam;
