package dev.gust.edge;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Writes an {@link EdgeException} the way a service of each {@link Protocol} answers it, so that every SDK and the
 * AWS CLI parse the error code and print the message. Authentication failures take each protocol's own code and
 * status (see {@code docs/compat/edge.md}):
 *
 * <pre>
 *                        rest-json (Lambda)              json 1.0/1.1                    query (STS)                  rest-xml (S3)
 * MISSING_TOKEN          403 MissingAuthenticationToken- 400 MissingAuthenticationToken- 403 MissingAuthentication-   403 AccessDenied
 *                            Exception                       Exception                       Token
 * INCOMPLETE_SIGNATURE   403 IncompleteSignatureException 400 IncompleteSignatureExc.    400 IncompleteSignature      400 AuthorizationHeaderMalformed
 * INVALID_SIGNATURE      403 InvalidSignatureException   400 InvalidSignatureException   403 SignatureDoesNotMatch    403 SignatureDoesNotMatch
 * UNRECOGNIZED_CLIENT    403 UnrecognizedClientException 400 UnrecognizedClientException 403 InvalidClientTokenId     403 InvalidAccessKeyId
 * EXPIRED_TOKEN          403 ExpiredTokenException       400 ExpiredTokenException       403 ExpiredToken             400 ExpiredToken
 * ACCESS_DENIED          403 AccessDeniedException       400 AccessDeniedException       403 AccessDenied             403 AccessDenied
 * </pre>
 *
 * Bodies: rest-json {@code x-amzn-ErrorType} and {@code {"message":...}} ({@code "Message"} for
 * {@code AccessDeniedException}, as Lambda words it); json {@code {"__type":...,"message":...}}; query
 * {@code <ErrorResponse><Error><Type>Sender</Type><Code/><Message/></Error><RequestId/></ErrorResponse>}; rest-xml
 * {@code <Error><Code/><Message/><RequestId/></Error>}. Stateless and thread-safe.
 */
public final class ErrorWriter {

    private static final String CORAL = "com.amazon.coral.service#";

    private ErrorWriter() {
    }

    /**
     * Writes {@code e} in {@code protocol}, unless the response was already written or its connection closed.
     *
     * @return completes when the response is written
     */
    public static Future<Void> send(HttpServerResponse response, Protocol protocol, EdgeException e, String requestId) {
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        Rendered error = render(protocol, e);
        response.setStatusCode(error.status);
        return switch (protocol) {
            case REST_JSON -> {
                JsonObject body = new JsonObject().put(error.capitalMessage ? "Message" : "message", error.message);
                yield response.putHeader("x-amzn-ErrorType", error.code)
                        .putHeader("Content-Type", "application/json").end(body.encode());
            }
            case JSON_1_0, JSON_1_1 -> {
                JsonObject body = new JsonObject().put("__type", error.coral ? CORAL + error.code : error.code)
                        .put("message", error.message);
                yield response.putHeader("Content-Type", protocol == Protocol.JSON_1_0
                        ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1").end(body.encode());
            }
            case QUERY -> response.putHeader("Content-Type", "text/xml").end(
                    "<ErrorResponse><Error><Type>" + (error.status >= 500 ? "Receiver" : "Sender") + "</Type><Code>"
                            + xml(error.code) + "</Code><Message>" + xml(error.message) + "</Message></Error>"
                            + "<RequestId>" + xml(requestId) + "</RequestId></ErrorResponse>");
            case REST_XML -> response.putHeader("Content-Type", "application/xml")
                    .putHeader("x-amz-request-id", requestId)
                    .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(error.code)
                            + "</Code><Message>" + xml(error.message) + "</Message><RequestId>" + xml(requestId)
                            + "</RequestId></Error>");
        };
    }

    /** The code, status and message of {@code e} in {@code protocol}. */
    static Rendered render(Protocol protocol, EdgeException e) {
        AuthFailure failure = e.failure();
        if (failure == null) {
            return new Rendered(e.code(), e.status(), e.getMessage(), false, false);
        }
        return switch (protocol) {
            case REST_JSON -> new Rendered(jsonCode(failure), 403, e.getMessage(),
                    failure == AuthFailure.ACCESS_DENIED, false);
            case JSON_1_0, JSON_1_1 -> new Rendered(jsonCode(failure), 400, failure == AuthFailure.MISSING_TOKEN
                    ? "Request is missing Authentication Token" : e.getMessage(), false, true);
            case QUERY -> new Rendered(queryCode(failure), failure == AuthFailure.INCOMPLETE_SIGNATURE ? 400 : 403,
                    failure == AuthFailure.MISSING_TOKEN ? "Request is missing Authentication Token" : e.getMessage(),
                    false, false);
            case REST_XML -> restXml(failure, e.getMessage());
        };
    }

    private static String jsonCode(AuthFailure failure) {
        return switch (failure) {
            case MISSING_TOKEN -> "MissingAuthenticationTokenException";
            case INCOMPLETE_SIGNATURE -> "IncompleteSignatureException";
            case INVALID_SIGNATURE -> "InvalidSignatureException";
            case UNRECOGNIZED_CLIENT -> "UnrecognizedClientException";
            case EXPIRED_TOKEN -> "ExpiredTokenException";
            case ACCESS_DENIED -> "AccessDeniedException";
        };
    }

    private static String queryCode(AuthFailure failure) {
        return switch (failure) {
            case MISSING_TOKEN -> "MissingAuthenticationToken";
            case INCOMPLETE_SIGNATURE -> "IncompleteSignature";
            case INVALID_SIGNATURE -> "SignatureDoesNotMatch";
            case UNRECOGNIZED_CLIENT -> "InvalidClientTokenId";
            case EXPIRED_TOKEN -> "ExpiredToken";
            case ACCESS_DENIED -> "AccessDenied";
        };
    }

    private static Rendered restXml(AuthFailure failure, String message) {
        return switch (failure) {
            case MISSING_TOKEN -> new Rendered("AccessDenied", 403, "Access Denied", false, false);
            case INCOMPLETE_SIGNATURE -> new Rendered("AuthorizationHeaderMalformed", 400, message, false, false);
            case INVALID_SIGNATURE -> new Rendered("SignatureDoesNotMatch", 403, message, false, false);
            case UNRECOGNIZED_CLIENT -> new Rendered("InvalidAccessKeyId", 403,
                    "The AWS Access Key Id you provided does not exist in our records.", false, false);
            case EXPIRED_TOKEN -> new Rendered("ExpiredToken", 400, "The provided token has expired.", false, false);
            case ACCESS_DENIED -> new Rendered("AccessDenied", 403, message, false, false);
        };
    }

    private static String xml(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * An error as one protocol writes it.
     *
     * @param capitalMessage whether a rest-json body names its member {@code Message}
     * @param coral whether a json {@code __type} carries the {@code com.amazon.coral.service#} prefix
     */
    record Rendered(String code, int status, String message, boolean capitalMessage, boolean coral) {
    }
}
