package dev.gust.runtimeapi;

import dev.gust.runtimeapi.RuntimeState.Transition;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * The Runtime API's own answers (202, 400, 403, 404, 405, 413, 500), precomputed once and worded as the Lambda runtime
 * interface emulator words them. Stateless and thread-safe.
 */
final class Replies {

    static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=utf-8");

    private static final Buffer ACCEPTED = Buffer.buffer("{\"status\":\"OK\"}");
    private static final Buffer INVALID_REQUEST_ID =
            error("Invalid request ID", "InvalidRequestID");
    private static final Buffer TOO_LARGE = error(
            "Exceeded maximum allowed payload size (" + RuntimeApiEndpoint.MAX_PAYLOAD_BYTES + " bytes).",
            "RequestEntityTooLarge");
    private static final Buffer INTERNAL = error("Internal Server Error", "InternalServerError");
    private static final Buffer NOT_FOUND = Buffer.buffer("404 page not found\n");
    private static final Buffer[][] FORBIDDEN = forbiddenReplies();

    /** The error body of an invocation whose response was too large, as the Invoke API returns it. */
    private static final byte[] RESPONSE_TOO_LARGE = ("{\"errorMessage\":\"Response payload size exceeded maximum allowed"
            + " payload size (" + RuntimeApiEndpoint.MAX_PAYLOAD_BYTES + " bytes).\",\"errorType\":\""
            + "Function.ResponseSizeTooLarge\"}").getBytes(StandardCharsets.UTF_8);

    static final String RESPONSE_TOO_LARGE_TYPE = "Function.ResponseSizeTooLarge";

    private Replies() {
    }

    static void accepted(HttpServerResponse response) {
        json(response, 202, ACCEPTED);
    }

    static void invalidRequestId(HttpServerResponse response) {
        json(response, 400, INVALID_REQUEST_ID);
    }

    static void forbidden(HttpServerResponse response, RuntimeState from, Transition to) {
        json(response, 403, FORBIDDEN[from.ordinal()][to.ordinal()]);
    }

    static void tooLarge(HttpServerResponse response) {
        json(response, 413, TOO_LARGE);
    }

    static void mustExit(HttpServerResponse response) {
        json(response, 500, INTERNAL);
    }

    static void notFound(HttpServerResponse response) {
        response.setStatusCode(404).putHeader(CONTENT_TYPE, TEXT_PLAIN).end(NOT_FOUND);
    }

    static void methodNotAllowed(HttpServerResponse response) {
        response.setStatusCode(405).end();
    }

    /** Answers a streamed response past {@code limit} bytes. */
    static void streamTooLarge(HttpServerResponse response, long limit) {
        json(response, 413, error("Exceeded maximum allowed payload size (" + limit + " bytes).",
                "RequestEntityTooLarge"));
    }

    /** The error body of an invocation whose streamed response passed {@code limit} bytes. */
    static byte[] streamTooLargeBody(long limit) {
        return ("{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (" + limit
                + " bytes).\",\"errorType\":\"" + RESPONSE_TOO_LARGE_TYPE + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh copy of the {@code Function.ResponseSizeTooLarge} error body. */
    static byte[] responseTooLargeBody() {
        return RESPONSE_TOO_LARGE.clone();
    }

    private static void json(HttpServerResponse response, int status, Buffer body) {
        response.setStatusCode(status).putHeader(CONTENT_TYPE, APPLICATION_JSON).end(body);
    }

    private static Buffer[][] forbiddenReplies() {
        RuntimeState[] states = RuntimeState.values();
        Transition[] transitions = Transition.values();
        Buffer[][] replies = new Buffer[states.length][transitions.length];
        for (RuntimeState from : states) {
            for (Transition to : transitions) {
                replies[from.ordinal()][to.ordinal()] = error("State transition from " + from.wireName + " to "
                        + to.wireName + " failed for runtime. Error: State transition is not allowed",
                        "InvalidStateTransition");
            }
        }
        return replies;
    }

    private static Buffer error(String message, String type) {
        return Buffer.buffer("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}");
    }
}
