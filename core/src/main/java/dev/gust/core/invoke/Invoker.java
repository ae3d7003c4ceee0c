package dev.gust.core.invoke;

import dev.gust.core.Account;
import java.util.concurrent.CompletionStage;

/**
 * Runs invocations: the seam between the Invoke API and the execution engine.
 *
 * <p>Implementations are thread-safe and never block the caller: the stage completes when the function answers.
 * It completes exceptionally with a {@link dev.gust.core.LambdaException} for errors AWS reports as API errors
 * (function not found, throttling); function failures complete it normally with a {@code functionError}.
 */
public interface Invoker {

    CompletionStage<InvocationResult> invoke(InvocationRequest request);

    /**
     * Checks that a function of {@code account} (an account and region) could be invoked right now, without running
     * it ({@code DryRun}). The stage fails as {@link #invoke}'s would.
     */
    CompletionStage<Void> dryRun(Account account, String functionName, java.util.Optional<String> qualifier);

    /**
     * Whether the reserved concurrency of the function of {@code account} is zero, so that every invocation of it is throttled: Lambda
     * discards such a function's asynchronous events ({@code ZeroReservedConcurrency}) instead of retrying them.
     */
    default boolean reservesZeroConcurrency(Account account, String functionName) {
        return false;
    }
}
