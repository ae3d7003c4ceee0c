package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request body of the v2 management API (camelCase members), read with AWS's type checks: a member of the wrong
 * type, or a body that is not a JSON object, is a {@code BadRequestException}. Immutable.
 */
final class ApiInput {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body;

    private ApiInput(ObjectNode body) {
        this.body = body;
    }

    /** The body {@code bytes}; an empty body is an empty object. */
    static ApiInput of(Buffer bytes) {
        if (bytes == null || bytes.length() == 0) {
            return new ApiInput(JSON.createObjectNode());
        }
        try {
            JsonNode node = JSON.readTree(bytes.getBytes());
            if (node instanceof ObjectNode object) {
                return new ApiInput(object);
            }
        } catch (IOException e) {
            // answered below
        }
        throw ApiGatewayErrors.badRequest("Invalid request body");
    }

    boolean has(String member) {
        JsonNode value = body.get(member);
        return value != null && !value.isNull();
    }

    /** The string member, or {@code null} when absent. */
    String string(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(member);
        }
        return value.textValue();
    }

    /** The boolean member, or {@code fallback} when absent. */
    boolean bool(String member, boolean fallback) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw invalid(member);
        }
        return value.booleanValue();
    }

    /** The integer member, or {@code null} when absent. */
    Integer integer(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt()) {
            throw invalid(member);
        }
        return value.intValue();
    }

    /** The map of strings, or {@code null} when absent. */
    Map<String, String> stringMap(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(member);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (var field : value.properties()) {
            if (!field.getValue().isTextual()) {
                throw invalid(member);
            }
            map.put(field.getKey(), field.getValue().textValue());
        }
        return map;
    }

    /** The list of strings, or {@code null} when absent. */
    List<String> stringList(String member) {
        return strings(body.get(member), member);
    }

    /** The nested object, or {@code null} when absent. */
    ApiInput object(String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(member);
        }
        return new ApiInput((ObjectNode) value);
    }

    private static List<String> strings(JsonNode value, String member) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(member);
        }
        List<String> list = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw invalid(member);
            }
            list.add(item.textValue());
        }
        return list;
    }

    private static RuntimeException invalid(String member) {
        return ApiGatewayErrors.badRequest("Invalid request body: " + member + " has the wrong type");
    }
}
