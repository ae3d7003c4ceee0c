package dev.gust.httpevents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The one JSON mapper of this module and the small helpers the events are built with. Thread-safe. */
final class EventJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event tree always serializes", e);
        }
    }

    /** Compact JSON text of {@code node}. */
    static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }

    /** {@code payload} parsed as one JSON value, or {@code null} when it is not JSON. */
    static JsonNode parse(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code values} as an object of strings; {@code null} when {@code values} is {@code null}. */
    static JsonNode strings(Map<String, String> values) {
        if (values == null) {
            return MAPPER.nullNode();
        }
        ObjectNode node = object();
        values.forEach(node::put);
        return node;
    }

    /** {@code values} as an object of string arrays. */
    static ObjectNode stringLists(Map<String, List<String>> values) {
        ObjectNode node = object();
        values.forEach((key, list) -> {
            ArrayNode array = node.putArray(key);
            list.forEach(array::add);
        });
        return node;
    }

    /** An arbitrary JSON-serializable value (maps, lists, strings, numbers) as a tree. */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
