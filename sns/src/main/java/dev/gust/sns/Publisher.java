package dev.gust.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.messaging.DestinationNotFoundException;
import dev.gust.core.messaging.TopicMessage;
import dev.gust.core.messaging.TopicPublisher;
import dev.gust.store.SnsStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes messages: validates them with AWS's rules ({@link PublishValidation}), then writes one delivery per
 * confirmed subscription whose filter policy takes the message into the outbox, in one transaction, and only then
 * answers. Also the {@link TopicPublisher} seam through which Lambda's destinations publish. Thread-safe; its
 * methods block on storage (call them on worker threads), except the seam's, which moves to {@code workers}.
 */
final class Publisher implements TopicPublisher {

    /** How long a FIFO topic remembers a deduplication id, as AWS does. */
    private static final long DEDUPLICATION_MILLIS = 5 * 60 * 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a publish answers: the message id and, on a FIFO topic, its sequence number. */
    record Published(String messageId, String sequenceNumber) {
    }

    private record Remembered(Published published, long expiresAt) {
    }

    private final SnsRegistry registry;
    private final SnsStore store;
    private final InstantSource clock;
    private final Runnable wake;
    private final Executor workers;
    /** FIFO topics' recent deduplication ids, by topic ARN and id; in memory only (see the design notes). */
    private final Map<String, Remembered> deduplication = new ConcurrentHashMap<>();
    private final AtomicLong sequence;
    /** One lock per FIFO topic, by ARN. */
    private final Map<String, Object> fifoLocks = new ConcurrentHashMap<>();

    /**
     * @param wake tells the delivery loop that deliveries are due
     * @param workers where the {@link TopicPublisher} seam runs its blocking work
     */
    Publisher(SnsRegistry registry, SnsStore store, InstantSource clock, Runnable wake, Executor workers) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.wake = Objects.requireNonNull(wake, "wake");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.sequence = new AtomicLong(clock.millis() * 100_000);
    }

    @Override
    public CompletionStage<String> publish(String topicArn, TopicMessage message) {
        return CompletableFuture.supplyAsync(() -> {
            Topic topic = registry.topic(topicArn).orElseThrow(() -> new DestinationNotFoundException(topicArn));
            return publish(topic, new PublishRequest(message.message(), message.subject(), null,
                    message.attributes(), message.messageGroupId(), message.messageDeduplicationId())).messageId();
        }, workers);
    }

    /**
     * Validates and publishes one message; durable when it returns.
     *
     * @throws dev.gust.edge.EdgeException AWS's error when the request is not valid (nothing is stored then)
     */
    Published publish(Topic topic, PublishRequest request) {
        Map<String, String> perProtocol = PublishValidation.validate(topic, request);
        return publishValid(topic, request, perProtocol);
    }

    /**
     * Publishes a message {@link PublishValidation#validate} accepted. A FIFO topic's publishes are serialised, so that
     * deduplication holds and sequence numbers follow the outbox's order.
     */
    Published publishValid(Topic topic, PublishRequest request, Map<String, String> perProtocol) {
        if (!topic.fifo()) {
            return store(topic, request, perProtocol);
        }
        synchronized (fifoLocks.computeIfAbsent(topic.arn(), arn -> new Object())) {
            return store(topic, request, perProtocol);
        }
    }

    private Published store(Topic topic, PublishRequest request, Map<String, String> perProtocol) {
        long now = clock.millis();
        String dedupKey = null;
        if (topic.fifo()) {
            deduplication.values().removeIf(r -> r.expiresAt() <= now);
            String id = request.messageDeduplicationId() != null ? request.messageDeduplicationId()
                    : sha256(request.message());
            dedupKey = topic.arn() + "\n" + id;
            Remembered seen = deduplication.get(dedupKey);
            if (seen != null) {
                return seen.published();
            }
        }
        String messageId = UUID.randomUUID().toString();
        String sequenceNumber = topic.fifo() ? "%020d".formatted(sequence.incrementAndGet()) : null;
        Instant timestamp = Instant.ofEpochMilli(now);
        List<SnsStore.NewDelivery> deliveries = new ArrayList<>();
        for (Subscription s : registry.subscriptionsOf(topic.key())) {
            if (!s.confirmed()) {
                continue;
            }
            String message = perProtocol.getOrDefault(s.protocol(), perProtocol.get("default"));
            if (!s.filter().matches(message, request.attributes())) {
                continue;
            }
            Notification n = new Notification(Notification.NOTIFICATION, messageId, topic.arn(), request.subject(),
                    message, timestamp, request.attributes(), null, request.messageGroupId(), sequenceNumber);
            deliveries.add(new SnsStore.NewDelivery(topic.key().account(), s.key().id(),
                    StoredDocuments.notification(n)));
        }
        store.enqueue(deliveries, now);
        Published published = new Published(messageId, sequenceNumber);
        if (dedupKey != null) {
            deduplication.put(dedupKey, new Remembered(published, now + DEDUPLICATION_MILLIS));
        }
        if (!deliveries.isEmpty()) {
            wake.run();
        }
        return published;
    }

    /** Sends a pending HTTP subscription its {@code SubscriptionConfirmation}, through the outbox. */
    void requestConfirmation(Subscription s) {
        String topicArn = s.key().topic().arn();
        Notification n = new Notification(Notification.SUBSCRIPTION_CONFIRMATION, UUID.randomUUID().toString(),
                topicArn, null, "You have chosen to subscribe to the topic " + topicArn + ".\nTo confirm the "
                        + "subscription, visit the SubscribeURL included in this message.", clock.instant(),
                Map.of(), s.token(), null, null);
        store.enqueue(List.of(new SnsStore.NewDelivery(s.key().topic().account(), s.key().id(),
                StoredDocuments.notification(n))), clock.millis());
        wake.run();
    }

    /** The per-protocol messages of a {@code MessageStructure=json} message; {@code default} is always there. */
    static Map<String, String> perProtocol(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                return null;
            }
            Map<String, String> messages = new java.util.LinkedHashMap<>();
            for (var it = node.fields(); it.hasNext();) {
                var field = it.next();
                if (!field.getValue().isTextual()) {
                    return null;
                }
                messages.put(field.getKey(), field.getValue().asText());
            }
            return messages;
        } catch (Exception e) {
            return null;
        }
    }

    static String sha256(String message) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(message.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
