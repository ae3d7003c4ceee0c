package dev.gust.functionurls;

import io.vertx.core.http.HttpServerResponse;

/**
 * The answers a function URL gives when it does not return the function's response, as AWS gives them: status, body
 * and {@code x-amzn-ErrorType}. Stateless; called on the event loop.
 */
final class UrlErrors {

    /** AWS's message for a request its URL's auth type or policy refuses. */
    static final String FORBIDDEN = "Forbidden. For troubleshooting Function URL authorization issues, see: "
            + "https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html";

    private UrlErrors() {
    }

    /** No URL has this id (or it is another region's): 403 {@code {"Message":null}}. */
    static void unknownUrl(HttpServerResponse response) {
        json(response, 403, "AccessDeniedException", "{\"Message\":null}");
    }

    /** The URL's auth type or the function's policy refuses the request, or its function or alias is gone. */
    static void forbidden(HttpServerResponse response) {
        json(response, 403, "AccessDeniedException", "{\"Message\":\"" + FORBIDDEN + "\"}");
    }

    /** The function failed, timed out, or answered something that maps to no HTTP response: 502. */
    static void functionFailed(HttpServerResponse response) {
        text(response, 502, "Internal Server Error");
    }

    /** The function's (or the account's) concurrency is exhausted: 429. */
    static void throttled(HttpServerResponse response) {
        json(response, 429, "TooManyRequestsException", "{\"Message\":\"Rate Exceeded.\"}");
    }

    /** The request (or the event it makes) is larger than an invocation's payload may be: 413. */
    static void tooLarge(HttpServerResponse response, long limit) {
        json(response, 413, "RequestEntityTooLargeException", "{\"Message\":\"Request must be smaller than " + limit
                + " bytes for the InvokeFunction operation\"}");
    }

    /** Gust failed, not the function nor the client: 500. */
    static void internal(HttpServerResponse response) {
        text(response, 500, "Internal Server Error");
    }

    private static void json(HttpServerResponse response, int status, String errorType, String body) {
        send(response, status, errorType, body);
    }

    private static void text(HttpServerResponse response, int status, String body) {
        send(response, status, null, body);
    }

    /** Sends the answer, or cuts a stream whose head is already out; {@code errorType} may be {@code null}. */
    private static void send(HttpServerResponse response, int status, String errorType, String body) {
        if (response.closed()) {
            return;
        }
        if (response.headWritten()) {
            response.reset(); // a stream already under way: the client sees it cut
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (errorType != null) {
            response.putHeader("x-amzn-ErrorType", errorType);
        }
        response.end(body);
    }
}
