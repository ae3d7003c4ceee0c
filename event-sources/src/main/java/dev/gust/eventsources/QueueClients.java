package dev.gust.eventsources;

import dev.gust.core.esm.EventSourceMapping;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Opens the SQS client that a mapping's pollers receive and delete with: at Gust's own edge with the function's
 * execution role, or at a configured endpoint (a real AWS queue) with configured credentials. Thread-safe.
 */
public interface QueueClients {

    /** A client for {@code mapping}'s queue; the caller closes it when the mapping's pollers stop. Never blocks. */
    SqsAsyncClient open(EventSourceMapping mapping);

    /**
     * The URL of {@code mapping}'s queue, {@code ENDPOINT/ACCOUNT/NAME} as AWS shapes it (Lambda's pollers derive it
     * from the ARN and need no {@code sqs:GetQueueUrl}). May wait until Gust's edge listens: called off event loops.
     */
    String queueUrl(EventSourceMapping mapping);
}
