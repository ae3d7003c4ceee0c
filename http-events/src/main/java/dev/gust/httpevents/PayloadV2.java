package dev.gust.httpevents;

/**
 * Payload format 2.0: the event function URLs and HTTP APIs (by default) deliver, and the mapping of the function's
 * answer, with AWS's inference rules for a plain string or an object without {@code statusCode}. Stateless.
 */
public final class PayloadV2 {

    private PayloadV2() {
    }

    /** The payload format 2.0 event for {@code request}, as JSON bytes. */
    public static byte[] event(HttpRequest request, EventContext context) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * The HTTP response for the function's answer {@code payload}.
     *
     * @throws MalformedResponse when AWS would answer 502
     */
    public static HttpResponse response(byte[] payload) throws MalformedResponse {
        throw new UnsupportedOperationException("not yet");
    }
}
