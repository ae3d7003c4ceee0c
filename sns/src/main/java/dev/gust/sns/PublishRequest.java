package dev.gust.sns;

import dev.gust.core.messaging.MessageAttribute;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message to publish, as {@code Publish} (or one entry of {@code PublishBatch}) names it. Immutable.
 *
 * @param message the message, or with {@code MessageStructure=json} a JSON object of one message per protocol
 * @param subject the subject, or {@code null}
 * @param messageStructure {@code json}, or {@code null}
 * @param attributes the message attributes, in the order given
 * @param messageGroupId a FIFO topic's message group, else {@code null}
 * @param messageDeduplicationId a FIFO topic's deduplication id, else {@code null}
 */
record PublishRequest(String message, String subject, String messageStructure, Map<String, MessageAttribute> attributes,
        String messageGroupId, String messageDeduplicationId) {

    PublishRequest {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
