/**
 * Credentials seams between the services: sessions of IAM roles, which STS opens and the engine hands to functions,
 * the roles that exist ({@link dev.gust.core.credentials.Roles}), which IAM keeps and STS asks, and the execution roles
 * Lambda's control plane checks and, in dev mode, creates ({@link dev.gust.core.credentials.ExecutionRoles}).
 */
package dev.gust.core.credentials;
