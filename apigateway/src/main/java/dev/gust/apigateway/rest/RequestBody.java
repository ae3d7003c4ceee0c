package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A management request's JSON body, read member by member with the model's types: a member of the wrong type, or a
 * body that is not a JSON object, is a {@code BadRequestException}. Immutable.
 */
final class RequestBody {

    private final JsonNode root;

    private RequestBody(JsonNode root) {
        this.root = root;
    }

    /** The body of a request; an empty body is an empty object. */
    static RequestBody of(Buffer body) {
        if (body == null || body.length() == 0) {
            return new RequestBody(RestApiJson.MAPPER.createObjectNode());
        }
        try {
            JsonNode node = RestApiJson.MAPPER.readTree(body.getBytes());
            if (node == null || !node.isObject()) {
                throw ApiGatewayErrors.badRequest("Invalid request body: a JSON object is expected");
            }
            return new RequestBody(node);
        } catch (IOException e) {
            throw ApiGatewayErrors.badRequest("Invalid request body: it is not valid JSON");
        }
    }

    String text(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrongType(name, "a string");
        }
        return node.asText();
    }

    boolean bool(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw wrongType(name, "a boolean");
        }
        return node.asBoolean();
    }

    Integer integer(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType(name, "an integer");
        }
        return node.asInt();
    }

    List<String> texts(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw wrongType(name, "a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw wrongType(name, "a list of strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    Map<String, String> textMap(String name) {
        return map(name, JsonNode::isTextual, JsonNode::asText, "a map of strings");
    }

    Map<String, Boolean> boolMap(String name) {
        return map(name, JsonNode::isBoolean, JsonNode::asBoolean, "a map of booleans");
    }

    private <T> Map<String, T> map(String name, Predicate<JsonNode> typed,
            Function<JsonNode, T> value, String expected) {
        JsonNode node = member(name);
        if (node == null) {
            return null;
        }
        Map<String, T> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object(name, node).properties()) {
            if (!typed.test(entry.getValue())) {
                throw wrongType(name, expected);
            }
            values.put(entry.getKey(), value.apply(entry.getValue()));
        }
        return values;
    }

    /** The members of a list of objects, each as a {@link RequestBody}. */
    List<RequestBody> objects(String name) {
        JsonNode node = member(name);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw wrongType(name, "a list");
        }
        List<RequestBody> values = new ArrayList<>();
        for (JsonNode item : node) {
            values.add(new RequestBody(object(name, item)));
        }
        return values;
    }

    /** A nested object, or an empty one when absent. */
    RequestBody nested(String name) {
        JsonNode node = member(name);
        return new RequestBody(node == null ? RestApiJson.MAPPER.createObjectNode() : object(name, node));
    }

    private JsonNode member(String name) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private static JsonNode object(String name, JsonNode node) {
        if (!node.isObject()) {
            throw wrongType(name, "an object");
        }
        return node;
    }

    private static RuntimeException wrongType(String name, String expected) {
        return ApiGatewayErrors.badRequest("Invalid request body: " + name + " must be " + expected);
    }
}
