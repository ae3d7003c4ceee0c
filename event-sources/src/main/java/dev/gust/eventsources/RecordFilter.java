package dev.gust.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.eventpatterns.EventPatterns;
import java.io.IOException;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * An event source mapping's {@code FilterCriteria} applied to SQS messages as AWS applies them: each message is
 * matched as the record the function would receive ({@code messageId}, {@code body}, {@code attributes},
 * {@code messageAttributes}, {@code eventSource}, ...), with a body that is a JSON object or array matched as JSON and
 * any other body as a plain string. No filters pass every message without building anything. Immutable and
 * thread-safe.
 */
final class RecordFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EventPatterns patterns;
    private final String eventSourceArn;
    private final String region;

    RecordFilter(EventPatterns patterns, String eventSourceArn, String region) {
        this.patterns = patterns;
        this.eventSourceArn = eventSourceArn;
        this.region = region;
    }

    /** Whether there are no filters, so that every message passes. */
    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether {@code message} goes to the function; a message that does not is deleted without an invocation. */
    boolean passes(Message message) {
        return patterns.isEmpty() || patterns.matches(record(message));
    }

    private ObjectNode record(Message message) {
        ObjectNode record = NODES.objectNode();
        record.put("messageId", message.messageId());
        record.put("receiptHandle", message.receiptHandle());
        record.set("body", body(message.body()));
        ObjectNode attributes = record.putObject("attributes");
        for (Map.Entry<MessageSystemAttributeName, String> attribute : message.attributes().entrySet()) {
            attributes.put(attribute.getKey().toString(), attribute.getValue());
        }
        ObjectNode messageAttributes = record.putObject("messageAttributes");
        for (Map.Entry<String, MessageAttributeValue> attribute : message.messageAttributes().entrySet()) {
            ObjectNode value = messageAttributes.putObject(attribute.getKey());
            if (attribute.getValue().stringValue() != null) {
                value.put("stringValue", attribute.getValue().stringValue());
            }
            value.put("dataType", attribute.getValue().dataType());
        }
        record.put("md5OfBody", message.md5OfBody());
        record.put("eventSource", "aws:sqs");
        record.put("eventSourceARN", eventSourceArn);
        record.put("awsRegion", region);
        return record;
    }

    private static JsonNode body(String body) {
        if (body == null) {
            return NODES.nullNode();
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return NODES.textNode(body);
            }
        }
        return NODES.textNode(body);
    }
}
