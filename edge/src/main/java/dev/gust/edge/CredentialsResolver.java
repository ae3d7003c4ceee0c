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
     * @param secretAccessKey the secret half of the key pair ({@code null} when the signature is not checked)
     * @param caller who the request comes from once its signature is verified
     * @param signatureUnchecked whether the edge takes the key id's word without checking the signature (only the
     *     opt-in that lets any twelve-digit key id act as that account's root, whose secret nobody knows)
     */
    record ResolvedCredentials(String secretAccessKey, Caller caller, boolean signatureUnchecked) {

        /** Credentials whose signature the edge checks with {@code secretAccessKey}. */
        public ResolvedCredentials(String secretAccessKey, Caller caller) {
            this(secretAccessKey, caller, false);
        }

        /** Credentials whose signature the edge does not check: anyone who names the key id is {@code caller}. */
        public static ResolvedCredentials unchecked(Caller caller) {
            return new ResolvedCredentials(null, caller, true);
        }

        @Override
        public String toString() {
            return "ResolvedCredentials[caller=" + caller + ", secretAccessKey=<redacted>]";
        }
    }
}
