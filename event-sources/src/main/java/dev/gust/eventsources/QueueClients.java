package dev.gust.eventsources;

import dev.gust.core.esm.EventSourceMapping;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Opens the SQS client that a mapping's pollers receive and delete with: at Gust's own edge with the function's
 * execution role, or at a configured endpoint (a real AWS queue) with configured credentials. Thread-safe.
 */
@FunctionalInterface
public interface QueueClients {

    /** A client for {@code mapping}'s queue; the caller closes it when the mapping's pollers stop. */
    SqsAsyncClient open(EventSourceMapping mapping);
}
