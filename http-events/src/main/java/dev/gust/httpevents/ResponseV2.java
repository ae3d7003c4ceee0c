package dev.gust.httpevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The payload format 2.0 response mapping (function URLs, HTTP APIs). An answer that is a JSON object with a
 * {@code statusCode} is a response ({@code statusCode}, {@code headers}, {@code cookies} each as a
 * {@code Set-Cookie}, {@code body}, {@code isBase64Encoded}); any other JSON value is the body of a {@code 200}: a
 * string as its text, everything else as compact JSON. {@code Content-Type} is {@code application/json} unless the
 * answer sets one. An answer that is not JSON is malformed.
 */
final class ResponseV2 {

    private ResponseV2() {
    }

    static HttpResponse map(byte[] payload) throws MalformedResponse {
        JsonNode answer = EventJson.parse(payload);
        if (answer == null) {
            throw new MalformedResponse("the function's answer is not JSON");
        }
        JsonNode status = answer.isObject() ? answer.get("statusCode") : null;
        if (status == null || status.isNull()) {
            String body = answer.isTextual() ? answer.asText() : EventJson.text(answer);
            return new HttpResponse(200, List.of(new Header("Content-Type", ProxyAnswer.DEFAULT_CONTENT_TYPE)),
                    body.getBytes(StandardCharsets.UTF_8));
        }
        int statusCode = ProxyAnswer.statusCode(answer);
        List<Header> headers = ProxyAnswer.withDefaultContentType(ProxyAnswer.headers(answer));
        JsonNode cookies = answer.get("cookies");
        if (cookies != null && !cookies.isNull()) {
            if (!cookies.isArray()) {
                throw new MalformedResponse("cookies is not an array");
            }
            for (JsonNode cookie : cookies) {
                String value = ProxyAnswer.headerValue("Set-Cookie", cookie);
                if (value != null) {
                    headers.add(new Header("Set-Cookie", value));
                }
            }
        }
        return new HttpResponse(statusCode, headers, ProxyAnswer.body(answer));
    }
}
