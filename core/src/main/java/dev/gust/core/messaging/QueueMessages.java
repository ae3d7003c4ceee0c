package dev.gust.core.messaging;

import java.util.concurrent.CompletionStage;

/**
 * Sends messages to SQS queues on a service's behalf (SNS deliveries, Lambda's destinations and dead-letter queues):
 * the seam to the SQS service, which the senders know only through this. Thread-safe; never blocks the caller.
 */
public interface QueueMessages {

    /**
     * Sends one message to the queue {@code queueArn} names ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}).
     *
     * @return completes with the new message's id once the message is durable; fails with
     *     {@link DestinationNotFoundException} when there is no such queue, or with another exception when the queue
     *     refuses the message (too large, a FIFO queue's message with no group id)
     */
    CompletionStage<String> send(String queueArn, OutgoingMessage message);
}
