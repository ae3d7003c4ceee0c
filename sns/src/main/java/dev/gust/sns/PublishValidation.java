package dev.gust.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.messaging.MessageAttribute;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * AWS's checks of a publish, before anything is stored: the message (not empty, at most 256 KiB with its
 * attributes), the subject, {@code MessageStructure}, the message attributes, and a FIFO topic's group and
 * deduplication ids. Stateless.
 */
final class PublishValidation {

    /** The largest message, attributes included, in bytes. */
    static final int MAX_MESSAGE_BYTES = 262_144;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PublishValidation() {
    }

    /**
     * Checks {@code request} for {@code topic}.
     *
     * @return the message for each protocol, {@code default} for those not named
     * @throws dev.gust.edge.EdgeException AWS's {@code InvalidParameter} or {@code ParameterValueInvalid}
     */
    static Map<String, String> validate(Topic topic, PublishRequest request) {
        String message = request.message();
        if (message == null || message.isEmpty()) {
            throw SnsErrors.invalidParameter("Empty message");
        }
        long size = message.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttribute> e : request.attributes().entrySet()) {
            size += e.getKey().getBytes(StandardCharsets.UTF_8).length + attribute(e.getKey(), e.getValue());
        }
        if (size > MAX_MESSAGE_BYTES) {
            throw SnsErrors.invalidParameter("Message too long");
        }
        String subject = request.subject();
        if (subject != null && (subject.isEmpty() || subject.length() > 100
                || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw SnsErrors.invalidParameter("Subject");
        }
        Map<String, String> perProtocol;
        if (request.messageStructure() == null) {
            perProtocol = Map.of("default", message);
        } else if (!request.messageStructure().equals("json")) {
            throw SnsErrors.invalidParameter("MessageStructure");
        } else {
            perProtocol = Publisher.perProtocol(message);
            if (perProtocol == null) {
                throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
            }
            if (!perProtocol.containsKey("default")) {
                throw SnsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
            }
        }
        fifo(topic, request);
        return perProtocol;
    }

    private static void fifo(Topic topic, PublishRequest request) {
        if (topic.fifo()) {
            if (request.messageGroupId() == null || request.messageGroupId().isEmpty()) {
                throw SnsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
            }
            if (request.messageDeduplicationId() == null && !topic.contentBasedDeduplication()) {
                throw SnsErrors.invalidParameter("The topic should either have ContentBasedDeduplication enabled "
                        + "or MessageDeduplicationId provided explicitly");
            }
            checkId("MessageGroupId", request.messageGroupId());
            if (request.messageDeduplicationId() != null) {
                checkId("MessageDeduplicationId", request.messageDeduplicationId());
            }
        } else if (request.messageDeduplicationId() != null) {
            throw SnsErrors.invalidParameter("MessageDeduplicationId Reason: The request includes "
                    + "MessageDeduplicationId parameter that is not valid for this topic type");
        }
    }

    /** A group or deduplication id: 1 to 128 printable ASCII characters. */
    private static void checkId(String name, String id) {
        if (id.isEmpty() || id.length() > 128 || !id.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw SnsErrors.invalidParameter(name + " Reason: " + name + " can only include alphanumeric and "
                    + "punctuation characters. 1 to 128 in length.");
        }
    }

    /** Checks one message attribute as AWS does; its size in bytes (type and value). */
    private static long attribute(String name, MessageAttribute a) {
        String type = a.dataType();
        if (name.isEmpty() || name.length() > 256 || name.startsWith("AWS.") || name.startsWith("Amazon.")
                || !name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".") || name.endsWith(".")
                || name.contains("..")) {
            throw SnsErrors.invalidParameter("MessageAttributes Reason: The message attribute name '" + name
                    + "' is invalid");
        }
        String base = type.contains(".") && !type.equals("String.Array") ? type.substring(0, type.indexOf('.'))
                : type;
        switch (base) {
            case "String", "String.Array", "Number", "Binary" -> { }
            default -> throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' has an invalid "
                    + "message attribute type, the set of supported type prefixes is Binary, Number, and String.");
        }
        boolean binary = base.equals("Binary");
        if (binary ? a.binaryValue() == null || a.binaryValue().length == 0
                : a.stringValue() == null || a.stringValue().isEmpty()) {
            throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' must contain non-empty "
                    + "message attribute value for message attribute type '" + type + "'.");
        }
        if (base.equals("Number")) {
            try {
                new BigDecimal(a.stringValue().strip());
            } catch (NumberFormatException e) {
                throw SnsErrors.invalidParameterValue("Could not cast message attribute '" + name
                        + "' value to number.");
            }
        }
        if (base.equals("String.Array")) {
            JsonNode array;
            try {
                array = JSON.readTree(a.stringValue());
            } catch (Exception e) {
                array = null;
            }
            if (array == null || !array.isArray()) {
                throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' with type 'String.Array'"
                        + " has an invalid value.");
            }
        }
        return type.length() + (binary ? a.binaryValue().length
                : a.stringValue().getBytes(StandardCharsets.UTF_8).length);
    }
}
