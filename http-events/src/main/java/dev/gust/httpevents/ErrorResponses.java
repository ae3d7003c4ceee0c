package dev.gust.httpevents;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The responses API Gateway sends instead of a function's answer when the answer is malformed
 * ({@link MalformedResponse}) or the function failed. Stateless.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /**
     * A REST API's {@code 502}: {@code {"message": "Internal server error"}} with
     * {@code x-amzn-ErrorType: InternalServerErrorException} (its default {@code DEFAULT_5XX} gateway response).
     */
    public static HttpResponse restInternalServerError() {
        return new HttpResponse(502, List.of(new Header("Content-Type", "application/json"),
                new Header("x-amzn-ErrorType", "InternalServerErrorException")),
                "{\"message\": \"Internal server error\"}".getBytes(StandardCharsets.UTF_8));
    }

    /** An HTTP API's {@code 500}: {@code {"message":"Internal Server Error"}}. */
    public static HttpResponse httpApiInternalServerError() {
        return HttpResponse.json(500, "{\"message\":\"Internal Server Error\"}");
    }
}
