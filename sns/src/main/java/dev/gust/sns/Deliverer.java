package dev.gust.sns;

/**
 * Delivers one notification to one subscription's endpoint, for one protocol. Called on a virtual thread of the
 * {@link DeliveryLoop}: it may block. Implementations are thread-safe.
 */
@FunctionalInterface
interface Deliverer {

    /**
     * Delivers {@code n}; returns once the endpoint has it.
     *
     * @throws DeliveryFailure when it does not: retried by the subscription's policy unless it is permanent
     */
    void deliver(Subscription subscription, Notification n) throws DeliveryFailure;
}
