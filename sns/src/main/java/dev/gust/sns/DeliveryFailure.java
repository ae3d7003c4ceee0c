package dev.gust.sns;

/**
 * A delivery that failed: a server-side failure (the endpoint is unavailable, answered 5xx) is retried by the
 * subscription's retry policy; a client-side one (no such function or queue, no permission, a 4xx) is not, as AWS
 * does not retry those: the message goes to the subscription's dead-letter queue, if any.
 */
final class DeliveryFailure extends Exception {

    private final boolean permanent;

    private DeliveryFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause, false, false);
        this.permanent = permanent;
    }

    /** A failure worth retrying. */
    static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, false, cause);
    }

    /** A client-side failure, never retried. */
    static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, null);
    }

    boolean permanent() {
        return permanent;
    }
}
