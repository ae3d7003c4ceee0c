package dev.gust.sns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.messaging.MessageAttribute;
import dev.gust.eventpatterns.EventPattern;
import dev.gust.eventpatterns.InvalidPatternException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * A subscription's filter policy, compiled once, with AWS's semantics (through {@link EventPattern}): applied to the
 * message attributes ({@code FilterPolicyScope} {@code MessageAttributes}, the default) or to the message body parsed
 * as JSON ({@code MessageBody}). No policy lets every message through. Immutable and thread-safe.
 */
final class FilterPolicy {

    /** The policy of a subscription without one. */
    static final FilterPolicy NONE = new FilterPolicy(null, false);

    static final String MESSAGE_ATTRIBUTES = "MessageAttributes";
    static final String MESSAGE_BODY = "MessageBody";

    /** AWS's limit on the attribute names (leaf keys) of one policy. */
    private static final int MAX_KEYS = 5;
    /** AWS's limit on the combinations of values one policy may have. */
    private static final int MAX_COMBINATIONS = 150;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventPattern pattern;
    private final boolean body;

    private FilterPolicy(EventPattern pattern, boolean body) {
        this.pattern = pattern;
        this.body = body;
    }

    /**
     * Validates and compiles a policy.
     *
     * @param policy the policy's JSON, or {@code null} or empty for none
     * @param scope {@code MessageAttributes}, {@code MessageBody}, or {@code null} for the default
     * @throws dev.gust.edge.EdgeException AWS's {@code InvalidParameter} when the policy is not valid
     */
    static FilterPolicy compile(String policy, String scope) {
        boolean onBody = MESSAGE_BODY.equals(scope);
        if (scope != null && !onBody && !MESSAGE_ATTRIBUTES.equals(scope)) {
            throw SnsErrors.invalidParameter("FilterPolicyScope: Invalid filter policy scope: " + scope);
        }
        if (policy == null || policy.isBlank() || policy.strip().equals("{}")) {
            return onBody ? new FilterPolicy(null, true) : NONE;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(policy);
        } catch (JsonProcessingException e) {
            throw SnsErrors.invalidParameter("FilterPolicy: failed to parse JSON. " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw SnsErrors.invalidParameter("FilterPolicy: Filter policy must be a JSON object");
        }
        if (!onBody) {
            for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isObject() && !field.getKey().equals("$or")) {
                    throw SnsErrors.invalidParameter("FilterPolicy: Filter policy scope MessageAttributes does not "
                            + "support nested filter policy");
                }
            }
        }
        int[] keys = {0};
        long combinations = combinations(tree, keys);
        if (keys[0] > MAX_KEYS) {
            throw SnsErrors.invalidParameter("FilterPolicy: Filter policy can not have more than " + MAX_KEYS
                    + " keys");
        }
        if (combinations > MAX_COMBINATIONS) {
            throw SnsErrors.invalidParameter("FilterPolicy: Filter policy is too complex");
        }
        try {
            return new FilterPolicy(EventPattern.compile(policy), onBody);
        } catch (InvalidPatternException e) {
            throw SnsErrors.invalidParameter("FilterPolicy: " + e.getMessage());
        }
    }

    /** The number of value combinations of {@code node}'s leaves (the product of their sizes), counting its keys. */
    private static long combinations(JsonNode node, int[] keys) {
        long product = 1;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (field.getKey().equals("$or") && value.isArray()) {
                long sum = 0;
                for (JsonNode branch : value) {
                    sum += combinations(branch, keys);
                }
                product *= Math.max(1, sum);
            } else if (value.isObject()) {
                product *= combinations(value, keys);
            } else {
                keys[0]++;
                product *= Math.max(1, value.size());
            }
        }
        return product;
    }

    /** Whether the subscription takes {@code notification}. */
    boolean matches(String message, Map<String, MessageAttribute> attributes) {
        if (pattern == null) {
            return true;
        }
        if (body) {
            try {
                JsonNode parsed = JSON.readTree(message);
                return parsed != null && parsed.isObject() && pattern.matches(parsed);
            } catch (JsonProcessingException notJson) {
                return false;
            }
        }
        return pattern.matches(attributeDocument(attributes));
    }

    /**
     * The message attributes as the JSON object a policy is matched against: a {@code String} is a string, a
     * {@code Number} a number, a {@code String.Array} its array; {@code Binary} attributes are not filtered on.
     */
    static ObjectNode attributeDocument(Map<String, MessageAttribute> attributes) {
        ObjectNode document = JSON.createObjectNode();
        attributes.forEach((name, attribute) -> {
            String type = attribute.dataType();
            String value = attribute.stringValue();
            if (value == null) {
                return;
            }
            if (type.equals("String.Array")) {
                try {
                    JsonNode array = JSON.readTree(value);
                    document.set(name, array != null && array.isArray() ? array : document.textNode(value));
                } catch (JsonProcessingException e) {
                    document.put(name, value);
                }
            } else if (type.startsWith("Number")) {
                try {
                    document.put(name, new BigDecimal(value.strip()));
                } catch (NumberFormatException e) {
                    document.put(name, value);
                }
            } else {
                document.put(name, value);
            }
        });
        return document;
    }
}
