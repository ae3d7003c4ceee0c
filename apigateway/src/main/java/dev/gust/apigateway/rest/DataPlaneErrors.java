package dev.gust.apigateway.rest;

import io.vertx.core.http.HttpServerResponse;

/**
 * The answers a REST API's invoke URL gives instead of the function's, with API Gateway's statuses, bodies and
 * {@code x-amzn-ErrorType}. Stateless; called on the request's event loop.
 */
final class DataPlaneErrors {

    private DataPlaneErrors() {
    }

    /** No route matches the path and method: {@code 403 {"message":"Missing Authentication Token"}}. */
    static void missingAuthenticationToken(HttpServerResponse response) {
        send(response, 403, "MissingAuthenticationTokenException", "{\"message\":\"Missing Authentication Token\"}");
    }

    /** An unknown stage, a disabled invoke URL or another region's host: {@code 403 {"message":"Forbidden"}}. */
    static void forbidden(HttpServerResponse response) {
        send(response, 403, "ForbiddenException", "{\"message\":\"Forbidden\"}");
    }

    /**
     * The integration failed: {@code 500} (no permission, no function) or {@code 502} (the function failed or answered
     * what API Gateway cannot map), {@code {"message": "Internal server error"}}.
     */
    static void internalServerError(HttpServerResponse response, int status) {
        send(response, status, "InternalServerErrorException", "{\"message\": \"Internal server error\"}");
    }

    /** The integration did not answer within its timeout: {@code 504 {"message": "Endpoint request timed out"}}. */
    static void timedOut(HttpServerResponse response) {
        send(response, 504, null, "{\"message\": \"Endpoint request timed out\"}");
    }

    private static void send(HttpServerResponse response, int status, String errorType, String body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json");
        if (errorType != null) {
            response.putHeader("x-amzn-ErrorType", errorType);
        }
        response.end(body);
    }
}
