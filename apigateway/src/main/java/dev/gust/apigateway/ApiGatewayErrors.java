package dev.gust.apigateway;

import dev.gust.edge.EdgeException;

/**
 * API Gateway's management errors, for HTTP APIs and REST APIs alike, as {@link EdgeException}s the edge writes in
 * rest-json ({@code x-amzn-ErrorType} and {@code {"message": ...}}). Stateless.
 */
public final class ApiGatewayErrors {

    private ApiGatewayErrors() {
    }

    /** {@code 400 BadRequestException}. */
    public static EdgeException badRequest(String message) {
        return EdgeException.of("BadRequestException", 400, message);
    }

    /** {@code 404 NotFoundException}. */
    public static EdgeException notFound(String message) {
        return EdgeException.of("NotFoundException", 404, message);
    }

    /** {@code 409 ConflictException}. */
    public static EdgeException conflict(String message) {
        return EdgeException.of("ConflictException", 409, message);
    }
}
