package dev.gust.edge;

/**
 * The ways a request can fail authentication or authorization at the edge. Each protocol writes them with its own
 * error codes (Lambda's {@code InvalidSignatureException} is STS's {@code SignatureDoesNotMatch} and S3's
 * {@code SignatureDoesNotMatch}); see {@link EdgeException}.
 */
public enum AuthFailure {
    /** Neither an {@code Authorization} header nor a presigned query. */
    MISSING_TOKEN,
    /** A signature that is malformed or lacks a part. */
    INCOMPLETE_SIGNATURE,
    /** A well-formed signature that is expired, mis-scoped or does not match. */
    INVALID_SIGNATURE,
    /** An access key id that no resolver knows, or a session token that does not belong to it. */
    UNRECOGNIZED_CLIENT,
    /** Temporary credentials past their expiry. */
    EXPIRED_TOKEN,
    /** An authenticated caller whose grant does not cover the operation. */
    ACCESS_DENIED
}
