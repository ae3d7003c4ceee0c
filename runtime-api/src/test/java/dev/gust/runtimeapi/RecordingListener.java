package dev.gust.runtimeapi;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An {@link InstanceListener} that records every event for a test to take in order. Thread-safe. */
final class RecordingListener implements InstanceListener {

    record Ready(long nanos) {
    }

    record Response(String requestId, String payload) {
    }

    record FunctionError(String requestId, String errorType, String body) {
    }

    record InitError(String errorType, String body) {
    }

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void onReady(long readyNanos) {
        events.add(new Ready(readyNanos));
    }

    @Override
    public void onResponse(String requestId, byte[] payload) {
        events.add(new Response(requestId, new String(payload, StandardCharsets.UTF_8)));
    }

    @Override
    public void onFunctionError(String requestId, String errorType, byte[] body) {
        events.add(new FunctionError(requestId, errorType, new String(body, StandardCharsets.UTF_8)));
    }

    @Override
    public void onInitError(String errorType, byte[] body) {
        events.add(new InitError(errorType, new String(body, StandardCharsets.UTF_8)));
    }

    /** Waits up to ten seconds for the next event, which must be of the given type. */
    <T> T next(Class<T> type) throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
        }
        if (!type.isInstance(event)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + event);
        }
        return type.cast(event);
    }

    /** Whether no event is waiting to be taken. */
    boolean isQuiet() {
        return events.isEmpty();
    }
}
