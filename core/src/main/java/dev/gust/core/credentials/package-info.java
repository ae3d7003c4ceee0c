/**
 * Credentials seams between the services: sessions of IAM roles, which STS opens and the engine hands to functions,
 * and the roles that exist ({@link dev.gust.core.credentials.Roles}), which IAM keeps and STS asks.
 */
package dev.gust.core.credentials;
