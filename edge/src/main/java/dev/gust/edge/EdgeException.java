package dev.gust.edge;

import java.util.Objects;

/**
 * An error the edge answers for a service, before or around its operations: authentication, authorization, a body
 * too large, an unknown operation or service. The edge writes it in the target service's {@link Protocol}, with that
 * protocol's error code for the failure. Immutable.
 */
public final class EdgeException extends RuntimeException {

    private final AuthFailure failure;
    private final String code;
    private final int status;

    private EdgeException(AuthFailure failure, String code, int status, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.failure = failure;
        this.code = code;
        this.status = status;
    }

    /** An authentication or authorization failure; its code depends on the protocol it is written in. */
    public static EdgeException auth(AuthFailure failure, String message) {
        return new EdgeException(Objects.requireNonNull(failure, "failure"), null, 403, message);
    }

    /** Any other error, with one code in every protocol. */
    public static EdgeException of(String code, int status, String message) {
        return new EdgeException(null, Objects.requireNonNull(code, "code"), status, message);
    }

    /** The authentication failure, or {@code null} for other errors. */
    public AuthFailure failure() {
        return failure;
    }

    /** The error code for errors that are not authentication failures, or {@code null}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
