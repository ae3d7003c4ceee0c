package dev.gust.httpevents;

/**
 * Payload format 1.0: the event REST APIs' Lambda proxy integrations deliver ({@link Kind#REST_API}) and HTTP APIs with
 * {@code PayloadFormatVersion 1.0} ({@link Kind#HTTP_API}), and the mapping of the function's answer (with
 * {@code multiValueHeaders}). Stateless.
 */
public final class PayloadV1 {

    /** Which API the event is for: their {@code requestContext}s differ. */
    public enum Kind { REST_API, HTTP_API }

    private PayloadV1() {
    }

    /** The payload format 1.0 event for {@code request}, as JSON bytes. */
    public static byte[] event(Kind kind, HttpRequest request, EventContext context) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The HTTP response for the function's answer {@code payload}.
     *
     * @throws MalformedResponse when AWS would answer 502
     */
    public static HttpResponse response(Kind kind, byte[] payload) throws MalformedResponse {
        throw new UnsupportedOperationException("not yet");
    }
}
