package dev.gust.httpevents;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The fields both payload formats read from a function's structured answer ({@code statusCode}, {@code body},
 * {@code isBase64Encoded}, header values), each checked as API Gateway checks it. Stateless.
 */
final class ProxyAnswer {

    /** The content type of an answer that sets none. */
    static final String DEFAULT_CONTENT_TYPE = "application/json";

    private ProxyAnswer() {
    }

    /**
     * The answer's {@code statusCode}: a whole number (or a string of one) from 100 to 599.
     *
     * @throws MalformedResponse when it is anything else
     */
    static int statusCode(JsonNode answer) throws MalformedResponse {
        JsonNode status = answer.get("statusCode");
        long code;
        if (status != null && status.isIntegralNumber()) {
            code = status.asLong();
        } else if (status != null && status.isNumber() && status.asDouble() == Math.rint(status.asDouble())) {
            code = (long) status.asDouble();
        } else if (status != null && status.isTextual() && status.asText().matches("[0-9]{1,3}")) {
            code = Long.parseLong(status.asText());
        } else {
            throw new MalformedResponse("statusCode is not a number: " + status);
        }
        if (code < 100 || code > 599) {
            throw new MalformedResponse("statusCode out of range: " + code);
        }
        return (int) code;
    }

    /**
     * The answer's body bytes: {@code body} as UTF-8, or decoded from base64 when {@code isBase64Encoded} is true;
     * empty when {@code body} is absent or {@code null}.
     *
     * @throws MalformedResponse when {@code body} is not a string, or not base64 when it says it is
     */
    static byte[] body(JsonNode answer) throws MalformedResponse {
        return body(answer, true);
    }

    /** The answer's body bytes; base64 decoded only when {@code decode} and the answer says it is base64. */
    static byte[] body(JsonNode answer, boolean decode) throws MalformedResponse {
        JsonNode body = answer.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        if (!body.isTextual()) {
            throw new MalformedResponse("body is not a string");
        }
        if (!base64Encoded(answer) || !decode) {
            return body.asText().getBytes(StandardCharsets.UTF_8);
        }
        try {
            // line breaks (as Python's base64.encodebytes writes them) are tolerated, other characters are not
            return Base64.getDecoder().decode(body.asText().replaceAll("[\\r\\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new MalformedResponse("body is not base64: " + e.getMessage());
        }
    }

    static boolean base64Encoded(JsonNode answer) throws MalformedResponse {
        JsonNode flag = answer.get("isBase64Encoded");
        if (flag == null || flag.isNull()) {
            return false;
        }
        if (flag.isBoolean()) {
            return flag.asBoolean();
        }
        if (flag.isTextual() && (flag.asText().equalsIgnoreCase("true") || flag.asText().equalsIgnoreCase("false"))) {
            return flag.asText().equalsIgnoreCase("true");
        }
        throw new MalformedResponse("isBase64Encoded is not a boolean");
    }

    /**
     * A header value as text: strings as they are, numbers and booleans as their JSON text; {@code null} for a JSON
     * {@code null} (the header is left out).
     *
     * @throws MalformedResponse for an object or an array
     */
    static String headerValue(String name, JsonNode value) throws MalformedResponse {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw new MalformedResponse("header " + name + " is not a string");
        }
        return value.asText();
    }

    /**
     * The answer's {@code headers} object as headers in order, values as {@link #headerValue} writes them.
     *
     * @throws MalformedResponse when {@code headers} is not an object of scalar values
     */
    static List<Header> headers(JsonNode answer) throws MalformedResponse {
        List<Header> headers = new ArrayList<>();
        JsonNode object = object(answer, "headers");
        if (object != null) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String value = headerValue(field.getKey(), field.getValue());
                if (value != null) {
                    headers.add(new Header(field.getKey(), value));
                }
            }
        }
        return headers;
    }

    /** {@code headers} with {@code Content-Type: application/json} added when they have no content type. */
    static List<Header> withDefaultContentType(List<Header> headers) {
        if (headers.stream().noneMatch(h -> h.name().equalsIgnoreCase("content-type"))) {
            headers.add(new Header("Content-Type", DEFAULT_CONTENT_TYPE));
        }
        return headers;
    }

    /**
     * The object named {@code field} of the answer, or {@code null} when absent or {@code null}.
     *
     * @throws MalformedResponse when it is not an object
     */
    static JsonNode object(JsonNode answer, String field) throws MalformedResponse {
        JsonNode node = answer.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new MalformedResponse(field + " is not an object");
        }
        return node;
    }
}
