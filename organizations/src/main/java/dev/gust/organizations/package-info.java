/**
 * An AWS Organizations subset, hosted on the edge ({@code docs/compat/organizations.md}): the server's default account
 * manages one organization and creates member accounts, each entered through its
 * {@code OrganizationAccountAccessRole}. Knows IAM only through {@link dev.gust.core.identity.AccountAccessRoles}.
 */
package dev.gust.organizations;
