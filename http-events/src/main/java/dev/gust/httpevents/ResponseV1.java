package dev.gust.httpevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The payload format 1.0 response mapping (REST APIs, HTTP APIs with payload 1.0). The answer must be a JSON object
 * with a {@code statusCode}: API Gateway infers nothing. {@code headers} and {@code multiValueHeaders} are merged; a
 * name in both takes only its {@code multiValueHeaders} values. {@code Content-Type} is {@code application/json}
 * unless the answer sets one.
 */
final class ResponseV1 {

    private ResponseV1() {
    }

    static HttpResponse map(byte[] payload, boolean decodeBase64) throws MalformedResponse {
        JsonNode answer = answer(payload);
        int statusCode = ProxyAnswer.statusCode(answer);
        return new HttpResponse(statusCode, headers(answer), ProxyAnswer.body(answer, decodeBase64));
    }

    static HttpResponse mapRest(byte[] payload, List<String> binaryMediaTypes, String accept)
            throws MalformedResponse {
        JsonNode answer = answer(payload);
        int statusCode = ProxyAnswer.statusCode(answer);
        List<Header> headers = headers(answer);
        String contentType = null;
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase("content-type")) {
                contentType = header.value();
                break;
            }
        }
        boolean decode = BodyEncoding.matchesAny(binaryMediaTypes, accept)
                || BodyEncoding.matchesAny(binaryMediaTypes, contentType);
        return new HttpResponse(statusCode, headers, ProxyAnswer.body(answer, decode));
    }

    private static JsonNode answer(byte[] payload) throws MalformedResponse {
        JsonNode answer = EventJson.parse(payload);
        if (answer == null || !answer.isObject()) {
            throw new MalformedResponse("the function's answer is not a JSON object");
        }
        JsonNode status = answer.get("statusCode");
        if (status == null || status.isNull()) {
            throw new MalformedResponse("the function's answer has no statusCode");
        }
        return answer;
    }

    private static List<Header> headers(JsonNode answer) throws MalformedResponse {
        JsonNode multi = ProxyAnswer.object(answer, "multiValueHeaders");
        Set<String> multiNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<Header> multiHeaders = new ArrayList<>();
        if (multi != null) {
            for (Map.Entry<String, JsonNode> field : multi.properties()) {
                JsonNode values = field.getValue();
                if (values.isNull()) {
                    continue;
                }
                if (!values.isArray()) {
                    throw new MalformedResponse("multiValueHeaders " + field.getKey() + " is not an array");
                }
                multiNames.add(field.getKey());
                for (JsonNode value : values) {
                    String text = ProxyAnswer.headerValue(field.getKey(), value);
                    if (text != null) {
                        multiHeaders.add(new Header(field.getKey(), text));
                    }
                }
            }
        }
        List<Header> headers = new ArrayList<>();
        for (Header header : ProxyAnswer.headers(answer)) {
            if (!multiNames.contains(header.name().toLowerCase(Locale.ROOT))) {
                headers.add(header);
            }
        }
        headers.addAll(multiHeaders);
        return ProxyAnswer.withDefaultContentType(headers);
    }
}
