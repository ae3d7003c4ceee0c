package dev.gust.core.messaging;

import java.util.Map;
import java.util.Objects;

/**
 * A message one service publishes to an SNS topic on its own behalf.
 *
 * @param message the message
 * @param subject its subject, or {@code null}
 * @param attributes its message attributes, by name (may be empty)
 * @param messageGroupId the message group of a FIFO topic's message, else {@code null}
 * @param messageDeduplicationId the deduplication id of a FIFO topic's message, else {@code null}
 */
public record TopicMessage(String message, String subject, Map<String, MessageAttribute> attributes,
        String messageGroupId, String messageDeduplicationId) {

    public TopicMessage {
        Objects.requireNonNull(message, "message");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A standard topic's message with no subject and no attributes. */
    public static TopicMessage of(String message) {
        return new TopicMessage(message, null, Map.of(), null, null);
    }
}
