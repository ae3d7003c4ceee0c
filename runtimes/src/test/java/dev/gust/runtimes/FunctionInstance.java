package dev.gust.runtimes;

import dev.gust.runtimeapi.InstanceListener;
import dev.gust.runtimeapi.Invocation;
import dev.gust.runtimeapi.RuntimeApiEndpoint;
import dev.gust.runtimeapi.RuntimeApiEndpoints;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real runtime process driven through a real {@link RuntimeApiEndpoint}, for the bootstrap tests: one function
 * instance with its events. Thread-safe.
 */
final class FunctionInstance implements AutoCloseable {

    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:hello";

    sealed interface Event permits Ready, Response, FunctionError, InitError {
    }

    record Ready(long nanos) implements Event {
    }

    record Response(String requestId, String payload) implements Event {
    }

    record FunctionError(String requestId, String errorType, String body) implements Event {
    }

    record InitError(String errorType, String body) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private RuntimeApiEndpoint endpoint;
    private Process process;
    private long spawnedNanos;

    private FunctionInstance() {
    }

    /**
     * Opens an endpoint and starts the interpreter on it with Lambda's environment.
     *
     * @param command the interpreter and the bootstrap, for example {@code /usr/bin/python3 bootstrap.py}
     */
    static FunctionInstance start(RuntimeApiEndpoints endpoints, List<String> command, Path taskRoot, String handler,
            Map<String, String> extraEnvironment) throws Exception {
        FunctionInstance instance = new FunctionInstance();
        instance.endpoint = endpoints.open(instance.listener()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("LANG", "C.UTF-8");
        environment.put("AWS_LAMBDA_RUNTIME_API", instance.endpoint.address());
        environment.put("_HANDLER", handler);
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("AWS_LAMBDA_FUNCTION_NAME", "hello");
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/hello");
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123456789abcdef");
        environment.put("AWS_REGION", "us-east-1");
        environment.putAll(extraEnvironment);
        instance.spawnedNanos = System.nanoTime();
        instance.process = builder.start();
        Thread.ofVirtual().start(() -> instance.copyOutput(instance.process.getInputStream()));
        return instance;
    }

    /** When the process was spawned, on the {@link System#nanoTime()} scale. */
    long spawnedNanos() {
        return spawnedNanos;
    }

    Ready awaitReady() throws InterruptedException {
        return next(Ready.class);
    }

    InitError awaitInitError() throws InterruptedException {
        return next(InitError.class);
    }

    /** Invokes with a fresh request id and waits for the answer: a {@link Response} or a {@link FunctionError}. */
    Event invoke(String payload) throws InterruptedException {
        return invoke(new Invocation(UUID.randomUUID().toString(), payload.getBytes(StandardCharsets.UTF_8),
                System.currentTimeMillis() + 30_000, FUNCTION_ARN, null, null, null));
    }

    Event invoke(Invocation invocation) throws InterruptedException {
        endpoint.offer(invocation);
        Event answer = next(Event.class);
        if (answer instanceof Ready) {
            answer = next(Event.class);
        }
        String requestId = switch (answer) {
            case Response response -> response.requestId();
            case FunctionError error -> error.requestId();
            default -> throw new AssertionError("expected an answer but got " + answer + "\n" + output());
        };
        if (!requestId.equals(invocation.requestId())) {
            throw new AssertionError("answer to " + requestId + " instead of " + invocation.requestId());
        }
        return answer;
    }

    Response invokeSuccessfully(String payload) throws InterruptedException {
        Event answer = invoke(payload);
        if (answer instanceof Response response) {
            return response;
        }
        throw new AssertionError("expected a response but got " + answer + "\n" + output());
    }

    FunctionError invokeFailing(String payload) throws InterruptedException {
        Event answer = invoke(payload);
        if (answer instanceof FunctionError error) {
            return error;
        }
        throw new AssertionError("expected a function error but got " + answer + "\n" + output());
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the runtime did not exit\n" + output());
        }
        return process.exitValue();
    }

    /** What the process wrote to stdout and stderr so far. */
    String output() {
        return output.toString();
    }

    /**
     * Waits until the output holds the text: the runtime writes its log before it answers, but the output arrives
     * through a pipe at its own pace.
     */
    String awaitOutput(String text) throws InterruptedException {
        return awaitOutputMatching(Pattern.compile(Pattern.quote(text)));
    }

    /** Waits until part of the output matches the pattern. */
    String awaitOutputMatching(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (output) {
            while (!pattern.matcher(output).find()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no output matching " + pattern + " within 10 s; output:\n" + output);
                }
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
            return output.toString();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        endpoint.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private <T> T next(Class<T> type) throws InterruptedException {
        Event event = events.poll(15, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no " + type.getSimpleName() + " within 15 s; output:\n" + output());
        }
        if (!type.isInstance(event)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + event + "\n" + output());
        }
        return type.cast(event);
    }

    private void copyOutput(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                synchronized (output) {
                    output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            output.append("\n[output lost: ").append(e).append(']');
        }
    }

    private InstanceListener listener() {
        return new InstanceListener() {
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
        };
    }

    /** Median and other percentiles of a sample, in microseconds, for the printed measurements. */
    static String summarize(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return String.format("median %.1f us, p90 %.1f us, p99 %.1f us, min %.1f us (n=%d)",
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() * 9 / 10) / 1000.0,
                sorted.get(sorted.size() * 99 / 100) / 1000.0, sorted.get(0) / 1000.0, sorted.size());
    }
}
