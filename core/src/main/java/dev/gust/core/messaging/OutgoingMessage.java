package dev.gust.core.messaging;

import java.util.Map;
import java.util.Objects;

/**
 * A message one service sends to an SQS queue on its own behalf.
 *
 * @param body the message body
 * @param attributes its message attributes, by name (may be empty)
 * @param messageGroupId the message group of a FIFO queue's message, else {@code null}
 * @param messageDeduplicationId the deduplication id of a FIFO queue's message, else {@code null}
 */
public record OutgoingMessage(String body, Map<String, MessageAttribute> attributes, String messageGroupId,
        String messageDeduplicationId) {

    public OutgoingMessage {
        Objects.requireNonNull(body, "body");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A standard queue's message with no attributes. */
    public static OutgoingMessage of(String body) {
        return new OutgoingMessage(body, Map.of(), null, null);
    }
}
