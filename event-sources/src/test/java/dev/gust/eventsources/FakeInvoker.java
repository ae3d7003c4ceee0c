package dev.gust.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.Invoker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** An {@link Invoker} whose function is a Java lambda over the event; it records every event it was given. */
final class FakeInvoker implements Invoker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> events = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostRunning = new AtomicInteger();
    private volatile Function<JsonNode, CompletionStage<InvocationResult>> function = event -> ok("null");
    private volatile boolean exists = true;

    static CompletionStage<InvocationResult> ok(String payload) {
        return CompletableFuture.completedFuture(new InvocationResult(payload.getBytes(), null, "$LATEST", null));
    }

    static CompletionStage<InvocationResult> unhandled() {
        return CompletableFuture.completedFuture(new InvocationResult(
                "{\"errorMessage\":\"boom\"}".getBytes(), "Unhandled", "$LATEST", null));
    }

    void function(Function<JsonNode, CompletionStage<InvocationResult>> function) {
        this.function = function;
    }

    void exists(boolean exists) {
        this.exists = exists;
    }

    synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    int mostRunning() {
        return mostRunning.get();
    }

    @Override
    public CompletionStage<InvocationResult> invoke(InvocationRequest request) {
        if (!exists) {
            return CompletableFuture.failedFuture(LambdaException.functionNotFound(
                    request.account().functionArn(request.functionName())));
        }
        JsonNode event;
        try {
            event = JSON.readTree(request.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            events.add(event);
        }
        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        return function.apply(event).whenComplete((result, failure) -> running.decrementAndGet());
    }

    @Override
    public CompletionStage<Void> dryRun(Account account, String functionName, Optional<String> qualifier) {
        return exists ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(
                LambdaException.functionNotFound(account.functionArn(functionName)));
    }
}
