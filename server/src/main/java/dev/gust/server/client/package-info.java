/**
 * The {@code gust} command's client commands ({@code gust accounts ...}): signed requests to a running server, with a
 * minimal SigV4 signer, so that no AWS CLI is needed for Gust's own shortcuts.
 */
package dev.gust.server.client;
