package dev.gust.runtimes.java;

import dev.gust.runtimeapi.InstanceListener;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimeapi.RuntimeApiEndpoint;
import dev.gust.runtimeapi.RuntimeApiEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real {@link RuntimeApiEndpoint} for one instance, driven the way the engine drives it but synchronously: offer an
 * invocation, wait for the listener to report the answer. Thread-safe; one invocation at a time.
 */
final class InstanceEndpoint implements AutoCloseable {

    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:java-test";
    private static final long DEADLINE_MS = 3_000;

    private final Listener listener;
    private final RuntimeApiEndpoint endpoint;

    private InstanceEndpoint(Listener listener, RuntimeApiEndpoint endpoint) {
        this.listener = listener;
        this.endpoint = endpoint;
    }

    /** Opens an endpoint on loopback, on a free port. */
    static InstanceEndpoint open(RuntimeApiEndpoints endpoints) throws Exception {
        Listener listener = new Listener();
        RuntimeApiEndpoint endpoint = endpoints.open(listener).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new InstanceEndpoint(listener, endpoint);
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return endpoint.address();
    }

    /** Offers one invocation with a three-second deadline and waits for the runtime's answer. */
    InvocationOutcome invoke(String payload, Duration timeout) throws Exception {
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<InvocationOutcome> outcome = new CompletableFuture<>();
        listener.current = outcome;
        endpoint.offer(new Invocation(requestId, payload.getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + DEADLINE_MS, FUNCTION_ARN, null, null, null));
        InvocationOutcome answer = await(outcome, timeout, "answer to " + requestId);
        if (!answer.requestId().equals(requestId)) {
            throw new AssertionError("answered " + answer.requestId() + " instead of " + requestId);
        }
        return answer;
    }

    /** Waits for the runtime's first {@code GET /next} and returns when it arrived, as {@code System.nanoTime()}. */
    long awaitReady(Duration timeout) throws Exception {
        return await(listener.ready, timeout, "first /next");
    }

    /** Waits for the runtime to post {@code /init/error}. */
    InvocationOutcome awaitInitError(Duration timeout) throws Exception {
        return await(listener.initError, timeout, "init error");
    }

    private static <T> T await(CompletableFuture<T> future, Duration timeout, String what) throws Exception {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + timeout, e);
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Override
    public void close() throws Exception {
        endpoint.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Turns the endpoint's events into futures; called on the endpoint's event loop. */
    private static final class Listener implements InstanceListener {

        private final CompletableFuture<Long> ready = new CompletableFuture<>();
        private final CompletableFuture<InvocationOutcome> initError = new CompletableFuture<>();
        private volatile CompletableFuture<InvocationOutcome> current = new CompletableFuture<>();

        @Override
        public void onReady(long readyNanos) {
            ready.complete(readyNanos);
        }

        @Override
        public void onResponse(String requestId, byte[] payload) {
            current.complete(new InvocationOutcome(requestId, false, null, text(payload)));
        }

        @Override
        public void onFunctionError(String requestId, String errorType, byte[] body) {
            current.complete(new InvocationOutcome(requestId, true, errorType, text(body)));
        }

        @Override
        public void onInitError(String errorType, byte[] body) {
            initError.complete(new InvocationOutcome("", true, errorType, text(body)));
        }

        private static String text(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
