package dev.gust.core.messaging;

/**
 * Answers whether an SQS queue exists: the seam through which the Lambda API checks an event source mapping's queue
 * when the mapping is created, as AWS does. Implemented by the SQS service. Thread-safe; may block briefly (called on
 * worker threads).
 */
@FunctionalInterface
public interface QueueDirectory {

    /** Whether the queue {@code queueArn} names ({@code arn:aws:sqs:REGION:ACCOUNT:NAME}) exists in Gust. */
    boolean exists(String queueArn);
}
