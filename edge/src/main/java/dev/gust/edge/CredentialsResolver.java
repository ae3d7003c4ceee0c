package dev.gust.edge;

import java.util.Optional;

/**
 * Finds the secret and the identity behind an access key id: the server's long-term key pair, or temporary
 * credentials that STS issued. The edge asks each resolver in turn, before it reads a request's body, so an unknown
 * key costs nothing to refuse. Implementations are thread-safe and fast (called on event loops, once per request).
 */
@FunctionalInterface
public interface CredentialsResolver {

    /**
     * The credentials for {@code accessKeyId}, or empty if this resolver does not know it.
     *
     * @param sessionToken the request's {@code X-Amz-Security-Token}, or {@code null}
     * @throws EdgeException {@link AuthFailure#EXPIRED_TOKEN} for temporary credentials past their expiry, or
     *     {@link AuthFailure#UNRECOGNIZED_CLIENT} for a session token that does not belong to the key
     */
    Optional<ResolvedCredentials> resolve(String accessKeyId, String sessionToken);

    /**
     * The secret to check a signature with, and the identity a valid signature proves.
     *
     * @param secretAccessKey the secret half of the key pair
     * @param caller who the request comes from once its signature is verified
     */
    record ResolvedCredentials(String secretAccessKey, Caller caller) {

        @Override
        public String toString() {
            return "ResolvedCredentials[caller=" + caller + ", secretAccessKey=<redacted>]";
        }
    }
}
