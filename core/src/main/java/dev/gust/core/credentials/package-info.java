/** Credentials seams between the services: sessions of IAM roles, which STS opens and the engine hands to functions. */
package dev.gust.core.credentials;
