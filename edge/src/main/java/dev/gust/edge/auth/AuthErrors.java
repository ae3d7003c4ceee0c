package dev.gust.edge.auth;

import dev.gust.edge.AuthFailure;
import dev.gust.edge.EdgeException;

/**
 * The failures of SigV4 verification, with the messages that do not depend on the request. Messages that do are
 * built where the check is made. Each protocol names the failure with its own error code (see
 * {@link dev.gust.edge.ErrorWriter}). Stateless.
 */
final class AuthErrors {

    private AuthErrors() {
    }

    /** Neither an {@code Authorization} header nor an {@code X-Amz-Algorithm} query parameter. */
    static EdgeException missingToken() {
        return EdgeException.auth(AuthFailure.MISSING_TOKEN, "Missing Authentication Token");
    }

    /** A signature that is malformed or lacks a part. */
    static EdgeException incomplete(String message) {
        return EdgeException.auth(AuthFailure.INCOMPLETE_SIGNATURE, message);
    }

    /** A well-formed signature that is expired, mis-scoped or wrong. */
    static EdgeException invalid(String message) {
        return EdgeException.auth(AuthFailure.INVALID_SIGNATURE, message);
    }

    static EdgeException unrecognizedClient() {
        return EdgeException.auth(AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    static EdgeException signatureMismatch() {
        return invalid("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
}
