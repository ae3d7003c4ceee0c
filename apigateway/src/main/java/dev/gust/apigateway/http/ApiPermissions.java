package dev.gust.apigateway.http;

import dev.gust.core.Account;
import dev.gust.core.invoke.InvokeAuthorization;
import dev.gust.core.invoke.InvokePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Whether a function's policy lets API Gateway invoke it for a request, asked off the event loop (the policy store
 * blocks). A yes is remembered for one second, so that a warm route asks the store about once a second, not once a
 * request; a no is never remembered, so that a permission just added is seen at once (a permission just removed
 * may still be honoured for up to a second, as AWS's own changes propagate). Thread-safe.
 */
final class ApiPermissions {

    private static final long REMEMBER_NANOS = 1_000_000_000L;
    private static final int MAX_REMEMBERED = 10_000;

    private record Question(Account account, InvokeAuthorization authorization) {
    }

    private final Function<Account, InvokePermissions> permissions;
    private final Executor blocking;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<Question, Long> allowedUntil = new ConcurrentHashMap<>();

    /**
     * @param permissions the permissions of each account's and region's functions
     * @param blocking where the store is asked
     * @param nanoTime a monotonic clock
     */
    ApiPermissions(Function<Account, InvokePermissions> permissions, Executor blocking, LongSupplier nanoTime) {
        this.permissions = permissions;
        this.blocking = blocking;
        this.nanoTime = nanoTime;
    }

    /** Whether the policy of the function of {@code account} allows {@code authorization}. */
    CompletionStage<Boolean> allows(Account account, InvokeAuthorization authorization) {
        Question question = new Question(account, authorization);
        Long until = allowedUntil.get(question);
        long now = nanoTime.getAsLong();
        if (until != null && until - now > 0) {
            return CompletableFuture.completedFuture(true);
        }
        return CompletableFuture.supplyAsync(() -> {
            boolean allowed = permissions.apply(account).allows(authorization);
            if (allowed) {
                if (allowedUntil.size() >= MAX_REMEMBERED) {
                    allowedUntil.clear();
                }
                allowedUntil.put(question, nanoTime.getAsLong() + REMEMBER_NANOS);
            } else {
                allowedUntil.remove(question);
            }
            return allowed;
        }, blocking);
    }
}
