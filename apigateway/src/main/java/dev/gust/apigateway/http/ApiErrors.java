package dev.gust.apigateway.http;

import dev.gust.edge.EdgeException;

/**
 * The errors of API Gateway's v2 management API, as AWS answers them: {@code x-amzn-ErrorType} and
 * {@code {"message": ...}}. Stateless.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    /** {@code 400 BadRequestException}. */
    static EdgeException badRequest(String message) {
        return EdgeException.of("BadRequestException", 400, message);
    }

    /** {@code 404 NotFoundException}. */
    static EdgeException notFound(String message) {
        return EdgeException.of("NotFoundException", 404, message);
    }

    /** {@code 409 ConflictException}. */
    static EdgeException conflict(String message) {
        return EdgeException.of("ConflictException", 409, message);
    }

    /** An unknown API id. */
    static EdgeException noSuchApi(String apiId) {
        return notFound("Invalid API identifier specified " + apiId);
    }
}
