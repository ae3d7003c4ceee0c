package dev.gust.async;

import dev.gust.async.DeliveryCounters.Outcome;
import dev.gust.core.Account;
import dev.gust.core.Completions;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.messaging.DestinationNotFoundException;
import dev.gust.core.messaging.OutgoingMessage;
import dev.gust.core.messaging.QueueMessages;
import dev.gust.core.messaging.TopicMessage;
import dev.gust.core.messaging.TopicPublisher;
import dev.gust.store.QueuedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where what an asynchronous invocation leaves behind goes, by the target's service: invocation records to an
 * {@code OnSuccess} or {@code OnFailure} destination (a Lambda function's event queue, an SQS queue, an SNS topic),
 * and discarded events to a function's dead-letter queue (an SQS queue or an SNS topic).
 *
 * <p>A target that does not exist or refuses the message (a FIFO queue, a message too large) loses that record or
 * message, as on AWS (which counts {@code DestinationDeliveryFailures} and {@code DeadLetterErrors}): it is logged and
 * counted, and the event ends all the same, so nothing loops. Only a failure of Gust's own event queue (a Lambda
 * destination) fails the returned stage, so that the event stays queued and is tried again. Thread-safe.
 */
final class Destinations {

    private static final Logger LOG = LoggerFactory.getLogger(Destinations.class);
    /** How long a queue or topic may take to acknowledge; then the message counts as not delivered. */
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final EventInvoker functions;
    private final QueueMessages queues;
    private final TopicPublisher topics;
    private final DeliveryCounters counters;

    Destinations(EventInvoker functions, QueueMessages queues, TopicPublisher topics, DeliveryCounters counters) {
        this.functions = functions;
        this.queues = queues;
        this.topics = topics;
        this.counters = counters;
    }

    /**
     * Sends an invocation record of {@code event} to {@code destination}, as its message body (SQS, SNS) or its event
     * (Lambda).
     *
     * @return completes once the record is durable at the destination, or lost there (logged); fails only when the
     *     event queue of a Lambda destination failed
     */
    CompletionStage<Void> sendRecord(String destination, QueuedEvent event, Account account, byte[] record) {
        String body = new String(record, StandardCharsets.UTF_8);
        return switch (service(destination)) {
            case "sqs" -> delivered(() -> queues.send(destination, OutgoingMessage.of(body)), destination, event,
                    Outcome.DESTINATION_DELIVERY_FAILURES);
            case "sns" -> delivered(() -> topics.publish(destination, TopicMessage.of(body)), destination, event,
                    Outcome.DESTINATION_DELIVERY_FAILURES);
            default -> toFunction(destination, event, account, record);
        };
    }

    /**
     * Sends a discarded event to its function's dead-letter queue or topic: the original event as the message, with
     * the attributes of {@code why}.
     *
     * @return completes once the message is durable, or lost (logged); never fails
     */
    CompletionStage<Void> sendDeadLetter(String target, QueuedEvent event, DeadLetter why) {
        String body = new String(event.payload(), StandardCharsets.UTF_8);
        var attributes = why.attributes(event.requestId());
        return switch (service(target)) {
            case "sns" -> delivered(() -> topics.publish(target, new TopicMessage(body, null, attributes, null, null)),
                    target, event, Outcome.DEAD_LETTER_ERRORS);
            default -> delivered(() -> queues.send(target, new OutgoingMessage(body, attributes, null, null)),
                    target, event, Outcome.DEAD_LETTER_ERRORS);
        };
    }

    private CompletionStage<Void> delivered(SendAction send, String target, QueuedEvent event, Outcome failure) {
        CompletableFuture<String> sent;
        try {
            sent = send.start().toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.orTimeout(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((id, problem) -> {
            if (problem != null) {
                counters.count(event.functionName(), failure);
                Throwable cause = Completions.cause(problem);
                String why = cause instanceof DestinationNotFoundException ? "it does not exist"
                        : cause instanceof TimeoutException ? "it did not answer in time"
                        : "it refused the message: " + cause.getMessage();
                LOG.warn("{} of event {} of {} not delivered to {}: {}; the message is lost",
                        failure == Outcome.DEAD_LETTER_ERRORS ? "dead letter" : "invocation record", event.requestId(),
                        event.functionName(), target, why);
            }
            return null;
        });
    }

    /** Queues the record as an asynchronous invocation of the destination function. */
    private CompletionStage<Void> toFunction(String destination, QueuedEvent event, Account account, byte[] record) {
        FunctionReference target;
        try {
            target = FunctionReference.parse(destination, account);
        } catch (LambdaException e) {
            counters.count(event.functionName(), Outcome.DESTINATION_DELIVERY_FAILURES);
            LOG.warn("destination {} of {} is not a function; record of event {} dropped", destination,
                    event.functionName(), event.requestId());
            return CompletableFuture.completedFuture(null);
        }
        InvocationRequest request = new InvocationRequest(UUID.randomUUID().toString(), account, target.name(),
                target.qualifier(), record, false, null, null);
        return functions.enqueue(request).exceptionally(failure -> {
            if (!(Completions.cause(failure) instanceof LambdaException e)) {
                throw new CompletionException(Completions.cause(failure)); // storage trouble: keep the event, retry later
            }
            counters.count(event.functionName(), Outcome.DESTINATION_DELIVERY_FAILURES);
            LOG.warn("record of event {} not sent to {}: {}", event.requestId(), destination, e.getMessage());
            return null;
        });
    }

    /** The service an ARN names ({@code arn:aws:sqs:…} is {@code sqs}), or the empty string. */
    private static String service(String arn) {
        String[] parts = arn.split(":", 4);
        return parts.length > 3 ? parts[2] : "";
    }

    /** Starts one send. */
    @FunctionalInterface
    private interface SendAction {
        CompletionStage<String> start();
    }
}
