/**
 * Resource-based policies of functions, versions and aliases: AddPermission, GetPolicy and RemovePermission
 * ({@link dev.gust.api.permissions.PolicyService}, {@link dev.gust.api.permissions.PolicyRoutes}). See
 * {@code docs/design/permissions.md}.
 */
package dev.gust.api.permissions;
