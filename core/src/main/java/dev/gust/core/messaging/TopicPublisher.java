package dev.gust.core.messaging;

import java.util.concurrent.CompletionStage;

/**
 * Publishes messages to SNS topics on a service's behalf (Lambda's destinations and dead-letter topics): the seam to
 * the SNS service. Thread-safe; never blocks the caller.
 */
public interface TopicPublisher {

    /**
     * Publishes one message to the topic {@code topicArn} names ({@code arn:aws:sns:REGION:ACCOUNT:NAME}).
     *
     * @return completes with the message id once the publish is durable (it is then delivered to every subscription
     *     whatever happens to the server); fails with {@link DestinationNotFoundException} when there is no such topic
     */
    CompletionStage<String> publish(String topicArn, TopicMessage message);
}
