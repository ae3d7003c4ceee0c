package dev.gust.apigateway.http;

import dev.gust.httpevents.ErrorResponses;
import dev.gust.httpevents.Header;
import dev.gust.httpevents.HttpResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * What an HTTP API's invoke URL answers: a function's mapped response, or one of API Gateway's own answers
 * ({@code {"message":"Not Found"}} and the like), always with the {@code apigw-requestid} header. Stateless.
 */
final class ApiResponses {

    /** The header that carries the request id of an HTTP API's answer. */
    static final String REQUEST_ID = "apigw-requestid";

    static final HttpResponse NOT_FOUND = message(404, "Not Found");
    static final HttpResponse FORBIDDEN = message(403, "Forbidden");
    static final HttpResponse INTERNAL_SERVER_ERROR = ErrorResponses.httpApiInternalServerError();
    static final HttpResponse SERVICE_UNAVAILABLE = message(503, "Service Unavailable");
    static final HttpResponse TOO_LARGE = message(413, "Request Entity Too Large");

    private ApiResponses() {
    }

    /** API Gateway's own answer {@code {"message": text}}. */
    static HttpResponse message(int status, String text) {
        return HttpResponse.json(status, "{\"message\":\"" + text + "\"}");
    }

    /** Writes {@code response} with the request id, unless the connection is gone. */
    static void send(HttpServerResponse out, HttpResponse response, String requestId) {
        if (out.ended() || out.closed()) {
            return;
        }
        out.headers().remove("x-amzn-RequestId");
        out.setStatusCode(response.statusCode());
        for (Header header : response.headers()) {
            out.headers().add(header.name(), header.value());
        }
        out.putHeader(REQUEST_ID, requestId);
        out.end(Buffer.buffer(response.body()));
    }
}
