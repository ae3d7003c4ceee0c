package dev.gust.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.Account;
import dev.gust.core.messaging.MessageAttribute;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON documents SNS keeps in its store: topics, subscriptions and notifications, in Gust's own shape (never a
 * wire shape). Stateless and thread-safe.
 */
final class StoredDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredDocuments() {
    }

    static String topic(Topic topic) {
        ObjectNode node = JSON.createObjectNode();
        node.set("attributes", JSON.valueToTree(topic.attributes()));
        node.set("tags", JSON.valueToTree(topic.tags()));
        return node.toString();
    }

    static Topic topic(Account account, String name, String body) {
        JsonNode node = read(body);
        return new Topic(new TopicKey(account, name), strings(node.path("attributes")), strings(node.path("tags")));
    }

    static String subscription(Subscription s) {
        ObjectNode node = JSON.createObjectNode();
        node.put("protocol", s.protocol());
        node.put("endpoint", s.endpoint());
        node.put("owner", s.owner());
        node.set("attributes", JSON.valueToTree(s.attributes()));
        node.put("confirmed", s.confirmed());
        node.put("token", s.token());
        node.put("authenticated", s.authenticated());
        return node.toString();
    }

    /** A stored subscription; its filter policy was valid when it was stored, so it compiles. */
    static Subscription subscription(Account account, String topicName, String id, String body) {
        JsonNode node = read(body);
        Map<String, String> attributes = strings(node.path("attributes"));
        return new Subscription(new TopicKey.SubscriptionKey(new TopicKey(account, topicName), id),
                node.path("protocol").asText(), node.path("endpoint").asText(), node.path("owner").asText(),
                attributes, node.path("confirmed").asBoolean(), node.path("token").isTextual()
                        ? node.path("token").asText() : null, node.path("authenticated").asBoolean(),
                FilterPolicy.compile(attributes.get("FilterPolicy"), attributes.get("FilterPolicyScope")));
    }

    static String notification(Notification n) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", n.type());
        node.put("messageId", n.messageId());
        node.put("topicArn", n.topicArn());
        node.put("subject", n.subject());
        node.put("message", n.message());
        node.put("timestamp", n.timestamp().toEpochMilli());
        ObjectNode attributes = node.putObject("attributes");
        n.attributes().forEach((name, a) -> {
            ObjectNode attribute = attributes.putObject(name);
            attribute.put("dataType", a.dataType());
            if (a.binaryValue() != null) {
                attribute.put("binaryValue", Base64.getEncoder().encodeToString(a.binaryValue()));
            } else {
                attribute.put("stringValue", a.stringValue());
            }
        });
        node.put("token", n.token());
        node.put("messageGroupId", n.messageGroupId());
        node.put("sequenceNumber", n.sequenceNumber());
        return node.toString();
    }

    static Notification notification(String body) {
        JsonNode node = read(body);
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("attributes").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode a = field.getValue();
            attributes.put(field.getKey(), new MessageAttribute(a.path("dataType").asText(), text(a, "stringValue"),
                    a.hasNonNull("binaryValue") ? Base64.getDecoder().decode(a.get("binaryValue").asText()) : null));
        }
        return new Notification(node.path("type").asText(), node.path("messageId").asText(),
                node.path("topicArn").asText(), text(node, "subject"), node.path("message").asText(),
                Instant.ofEpochMilli(node.path("timestamp").asLong()), attributes, text(node, "token"),
                text(node, "messageGroupId"), text(node, "sequenceNumber"));
    }

    /** Whether {@code text} is a JSON object. */
    static boolean jsonObject(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** A text field of a JSON object, or {@code null}. */
    static String field(String json, String name) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? null : text(node, name);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            map.put(field.getKey(), field.getValue().asText());
        }
        return map;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored SNS document is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
