package dev.gust.httpevents;

/**
 * A function's answer that an HTTP trigger cannot map to an HTTP response (AWS answers {@code 502}: a function URL
 * and an HTTP API with {@code Internal Server Error}, a REST API with {@code Internal server error}).
 */
public final class MalformedResponse extends Exception {

    public MalformedResponse(String message) {
        super(message);
    }
}
