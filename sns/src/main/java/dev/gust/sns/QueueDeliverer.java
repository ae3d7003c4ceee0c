package dev.gust.sns;

import dev.gust.core.messaging.DestinationNotFoundException;
import dev.gust.core.messaging.MessageAttribute;
import dev.gust.core.messaging.OutgoingMessage;
import dev.gust.core.messaging.QueueMessages;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * Delivers to an {@code sqs} subscription as AWS does: the JSON envelope as the body, or with
 * {@code RawMessageDelivery} the message itself with its attributes as the SQS message's attributes; a FIFO topic's
 * message keeps its group, deduplicated by its message id. Thread-safe.
 */
final class QueueDeliverer implements Deliverer {

    private final QueueMessages queues;
    private final Envelopes envelopes;

    QueueDeliverer(QueueMessages queues, Envelopes envelopes) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public void deliver(Subscription subscription, Notification n) throws DeliveryFailure {
        boolean raw = subscription.raw();
        String body = raw ? n.message() : envelopes.envelope(n, subscription);
        Map<String, MessageAttribute> attributes = raw ? n.attributes() : Map.of();
        OutgoingMessage message = new OutgoingMessage(body, attributes, n.messageGroupId(),
                n.messageGroupId() == null ? null : n.messageId());
        try {
            queues.send(subscription.endpoint(), message).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof DestinationNotFoundException) {
                throw DeliveryFailure.permanent("no such queue: " + subscription.endpoint());
            }
            throw DeliveryFailure.retryable("the queue refused the message: " + e.getCause(), e.getCause());
        }
    }
}
