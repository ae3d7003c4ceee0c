package dev.gust.sns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One topic: its identity, the attributes its owner set ({@code DisplayName}, {@code Policy}, {@code DeliveryPolicy},
 * {@code FifoTopic}, ...) and its tags, both in the order they were set. Immutable; a change makes a new one.
 */
record Topic(TopicKey key, Map<String, String> attributes, Map<String, String> tags) {

    Topic {
        Objects.requireNonNull(key, "key");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    String arn() {
        return key.arn();
    }

    /** Whether this is a FIFO topic. */
    boolean fifo() {
        return "true".equals(attributes.get("FifoTopic"));
    }

    /** Whether a FIFO topic deduplicates messages by a hash of their body. */
    boolean contentBasedDeduplication() {
        return "true".equals(attributes.get("ContentBasedDeduplication"));
    }

    Topic withAttribute(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(attributes);
        changed.put(name, value);
        return new Topic(key, changed, tags);
    }

    Topic withTags(Map<String, String> changed) {
        return new Topic(key, attributes, changed);
    }
}
