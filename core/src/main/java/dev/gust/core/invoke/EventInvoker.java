package dev.gust.core.invoke;

import java.util.concurrent.CompletionStage;

/**
 * Accepts asynchronous invocations ({@code X-Amz-Invocation-Type: Event}): the seam between the Invoke API and
 * the durable event queue.
 *
 * <p>Implementations are thread-safe and never block the caller.
 */
public interface EventInvoker {

    /**
     * Queues one event for delivery.
     *
     * @return completes once the event is durable, so that a {@code 202} may be answered; fails with a
     *     {@link dev.gust.core.LambdaException} when the function or qualifier does not exist
     */
    CompletionStage<Void> enqueue(InvocationRequest request);
}
