package dev.gust.api.auth;

import dev.gust.core.LambdaException;

/**
 * The 403 errors of SigV4 verification, with AWS's error types and the messages that do not depend on the
 * request. Messages that do are built where the check is made. Stateless.
 */
final class AuthErrors {

    static final String MISSING_TOKEN = "MissingAuthenticationTokenException";
    static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";
    static final String INVALID_SIGNATURE = "InvalidSignatureException";
    static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";

    private AuthErrors() {
    }

    /** Neither an {@code Authorization} header nor an {@code X-Amz-Algorithm} query parameter. */
    static LambdaException missingToken() {
        return LambdaException.authentication(MISSING_TOKEN, "Missing Authentication Token");
    }

    /** A signature that is malformed or lacks a part. */
    static LambdaException incomplete(String message) {
        return LambdaException.authentication(INCOMPLETE_SIGNATURE, message);
    }

    /** A well-formed signature that is expired, mis-scoped or wrong. */
    static LambdaException invalid(String message) {
        return LambdaException.authentication(INVALID_SIGNATURE, message);
    }

    static LambdaException unrecognizedClient() {
        return LambdaException.authentication(UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    static LambdaException signatureMismatch() {
        return invalid("The request signature we calculated does not match the signature you provided. "
                + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
}
