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
     * Runs an invocation whose response is streamed: the function's bytes go to {@code stream} as they are written,
     * and the stage completes when the function is done. A function that answers in one piece (a runtime that does not
     * stream) has its payload written to the stream as one chunk. The result's payload is empty when the response was
     * streamed; its {@code functionError} is set when the function failed, before or during the stream (then the
     * payload is the error body, when the runtime sent one). Errors that AWS reports as API errors fail the stage as
     * {@link #invoke}'s do.
     */
    default CompletionStage<InvocationResult> invokeWithResponseStream(InvocationRequest request,
            ResponseStream stream) {
        return invoke(request).thenApply(result -> {
            if (result.functionError() == null) {
                stream.start("application/json", result.executedVersion());
                stream.chunk(result.payload());
                return new InvocationResult(new byte[0], null, result.executedVersion(), result.logTail());
            }
            return result;
        });
    }

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
