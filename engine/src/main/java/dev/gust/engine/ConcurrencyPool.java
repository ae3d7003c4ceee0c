package dev.gust.engine;

import dev.gust.core.LambdaException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A share of the account's concurrency that invocations take one unit of while they run: the account's unreserved
 * pool, or one function's reserved concurrency.
 *
 * <p>Thread-safe and lock-free: {@link #tryAcquire} is a compare-and-set loop on one counter, so the count never
 * exceeds the limit seen at the moment of the increment. The limit can change at any time ({@link #resize}); a
 * lowered limit refuses new invocations until enough running ones {@link #release}.
 */
final class ConcurrencyPool {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final String throttleReason;
    private volatile int limit;

    /**
     * @param throttleReason the {@code Reason} of the {@code TooManyRequestsException} a refused invocation gets
     */
    ConcurrencyPool(int limit, String throttleReason) {
        this.limit = limit;
        this.throttleReason = throttleReason;
    }

    /** Takes one unit if fewer than the limit are in flight; {@code false} if the pool is exhausted. */
    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives back a unit taken by {@link #tryAcquire}; exactly once per successful acquire. */
    void release() {
        inFlight.decrementAndGet();
    }

    /** The error an invocation refused by this pool gets, as AWS words it. */
    LambdaException throttled() {
        return LambdaException.tooManyRequests("Rate Exceeded.", throttleReason);
    }

    void resize(int newLimit) {
        limit = newLimit;
    }

    int limit() {
        return limit;
    }

    int inFlight() {
        return inFlight.get();
    }
}
