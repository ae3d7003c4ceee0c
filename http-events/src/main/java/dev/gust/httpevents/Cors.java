package dev.gust.httpevents;

import java.util.Optional;

/**
 * CORS as function URLs and HTTP APIs apply it: preflight requests answered without invoking the function, and the
 * CORS headers added to (overriding) the function's response. Stateless.
 */
public final class Cors {

    private Cors() {
    }

    /** The answer to {@code request} when it is a CORS preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) under {@code config}; empty when it is not one. */
    public static Optional<HttpResponse> preflight(CorsConfig config, HttpRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    /** {@code response} with the CORS headers AWS adds for {@code request} under {@code config}. */
    public static HttpResponse apply(CorsConfig config, HttpRequest request, HttpResponse response) {
        throw new UnsupportedOperationException("not yet");
    }
}
