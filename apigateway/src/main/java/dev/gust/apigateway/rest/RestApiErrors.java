package dev.gust.apigateway.rest;

import dev.gust.edge.EdgeException;

/**
 * API Gateway's management errors, as {@link EdgeException}s the edge writes in rest-json ({@code x-amzn-ErrorType}
 * and {@code {"message": ...}}). Stateless.
 */
final class RestApiErrors {

    private RestApiErrors() {
    }

    /** {@code 404 NotFoundException}. */
    static EdgeException notFound(String message) {
        return EdgeException.of("NotFoundException", 404, message);
    }

    /** {@code 400 BadRequestException}. */
    static EdgeException badRequest(String message) {
        return EdgeException.of("BadRequestException", 400, message);
    }

    /** {@code 409 ConflictException}. */
    static EdgeException conflict(String message) {
        return EdgeException.of("ConflictException", 409, message);
    }

    /** The answer to an id that names no API of the caller's namespace. */
    static EdgeException unknownApi(String accountId, String apiId) {
        return notFound("Invalid API identifier specified " + accountId + ":" + apiId);
    }
}
