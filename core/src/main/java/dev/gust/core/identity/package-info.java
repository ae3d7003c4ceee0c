/**
 * The global identity services' shared vocabulary: stored {@link dev.gust.core.identity.IdentityEntity}s and their
 * changes, and the seam by which Organizations gives a new account its access role
 * ({@link dev.gust.core.identity.AccountAccessRoles}), implemented by IAM.
 */
package dev.gust.core.identity;
