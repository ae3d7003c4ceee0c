package dev.gust.sns;

import dev.gust.core.messaging.MessageAttribute;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message on its way to one subscription, as SNS delivers it: a {@code Notification}, or a
 * {@code SubscriptionConfirmation} to an HTTP endpoint. What the outbox stores. Immutable.
 *
 * @param type {@code Notification} or {@code SubscriptionConfirmation}
 * @param messageId the message's id (the publish's, the same for every subscription)
 * @param topicArn the topic
 * @param subject the subject, or {@code null}
 * @param message the message for this subscription's protocol (a {@code MessageStructure=json} publish has one per
 *     protocol)
 * @param timestamp when the message was published
 * @param attributes its message attributes, in the order given
 * @param token a confirmation's token, else {@code null}
 * @param messageGroupId a FIFO topic's message group, else {@code null}
 * @param sequenceNumber a FIFO topic's sequence number, else {@code null}
 */
record Notification(String type, String messageId, String topicArn, String subject, String message,
        Instant timestamp, Map<String, MessageAttribute> attributes, String token, String messageGroupId,
        String sequenceNumber) {

    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";

    Notification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(timestamp, "timestamp");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    boolean confirmation() {
        return type.equals(SUBSCRIPTION_CONFIRMATION);
    }
}
