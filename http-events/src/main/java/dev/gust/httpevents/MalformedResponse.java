package dev.gust.httpevents;

/**
 * A function's answer that an HTTP trigger cannot map to an HTTP response. AWS answers it as it answers a function
 * error: a REST API with {@link ErrorResponses#restInternalServerError()} ({@code 502}), an HTTP API with
 * {@link ErrorResponses#httpApiInternalServerError()} ({@code 500}), a function URL with {@code 502}
 * {@code Internal Server Error}. The message says what was wrong, for the trigger's log; it is never sent.
 */
public final class MalformedResponse extends Exception {

    public MalformedResponse(String message) {
        super(message);
    }
}
