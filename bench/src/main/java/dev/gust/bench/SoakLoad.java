package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak's mixed load, one virtual thread per kind until stopped: warm invokes of a no-op, cold starts (a function
 * created, invoked once and deleted), failing invokes (an unhandled error, a runtime that exits, a timeout) and
 * asynchronous invokes. Counts what was sent and what came back other than expected; thread-safe.
 */
final class SoakLoad implements AutoCloseable {

    static final String WARM = "soak-warm";
    static final String FAILING = "soak-failing";
    static final int FAILING_TIMEOUT_SECONDS = 1;

    /** A Python handler that fails the way it is asked to: raises, exits its runtime, or outlives its timeout. */
    static final String FAILING_HANDLER = """
            import os, time
            def handler(event, context):
                kind = event.get("kind")
                if kind == "raise":
                    raise RuntimeError("failing on purpose")
                if kind == "exit":
                    os._exit(3)
                if kind == "timeout":
                    time.sleep(30)
                return {}
            """;
    private static final List<String> FAILURES = List.of("raise", "exit", "timeout");
    private static final Logger LOG = LoggerFactory.getLogger(SoakLoad.class);

    private final LambdaHttp lambda;
    private final NoopFunctions.Runtime cold;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stopped;
    private final AtomicLong warm = new AtomicLong();
    private final AtomicLong colds = new AtomicLong();
    private final AtomicLong failing = new AtomicLong();
    private final AtomicLong async = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();

    private SoakLoad(LambdaHttp lambda, NoopFunctions.Runtime cold) {
        this.lambda = lambda;
        this.cold = cold;
    }

    /**
     * Starts the load against functions {@link #WARM} and {@link #FAILING}, which must exist.
     *
     * @param cold the runtime of the functions created for cold starts
     */
    static SoakLoad start(LambdaHttp lambda, NoopFunctions.Runtime cold) {
        SoakLoad load = new SoakLoad(lambda, cold);
        load.loop("warm", 20, load::warm);
        load.loop("async", 50, load::async);
        load.loop("failing", 200, load::failing);
        load.loop("cold", 1_000, load::cold);
        return load;
    }

    /** Requests sent so far by kind, and the answers that were not the expected ones. */
    ObjectNode counts() {
        return JsonNodeFactory.instance.objectNode().put("warm", warm.get()).put("cold", colds.get())
                .put("failing", failing.get()).put("async", async.get()).put("unexpected", unexpected.get());
    }

    private interface Step {
        void run(long iteration) throws IOException;
    }

    private void loop(String name, long pauseMillis, Step step) {
        workers.add(Thread.ofVirtual().name("soak-" + name).start(() -> {
            for (long i = 0; !stopped; i++) {
                try {
                    step.run(i);
                } catch (IOException | RuntimeException e) {
                    unexpected.incrementAndGet();
                    LOG.warn("soak {}: {}", name, e.toString());
                }
                ChildProcess.sleep(pauseMillis);
            }
        }));
    }

    private void warm(long iteration) throws IOException {
        expect(invoke(WARM, "{}", Map.of()), 200, false);
        warm.incrementAndGet();
    }

    private void async(long iteration) throws IOException {
        expect(invoke(WARM, "{}", Map.of("X-Amz-Invocation-Type", "Event")), 202, false);
        async.incrementAndGet();
    }

    private void failing(long iteration) throws IOException {
        String kind = FAILURES.get((int) (iteration % FAILURES.size()));
        expect(invoke(FAILING, "{\"kind\":\"" + kind + "\"}", Map.of()), 200, true);
        failing.incrementAndGet();
    }

    private void cold(long iteration) throws IOException {
        String name = "soak-cold-" + iteration;
        lambda.createFunction(name, cold.runtime(), cold.handler(), cold.zip(), cold.memoryMb());
        lambda.awaitReady(name);
        expect(invoke(name, "{}", Map.of()), 200, false);
        HttpResponse<String> deleted = lambda.call("DELETE", "/2015-03-31/functions/" + name, "", new byte[0],
                Map.of());
        if (deleted.statusCode() != 204) {
            throw new IOException("DeleteFunction " + name + " answered " + deleted.statusCode());
        }
        colds.incrementAndGet();
    }

    private HttpResponse<String> invoke(String function, String payload, Map<String, String> headers)
            throws IOException {
        return lambda.call("POST", "/2015-03-31/functions/" + function + "/invocations", "",
                payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void expect(HttpResponse<String> response, int status, boolean functionError) throws IOException {
        boolean failed = response.headers().firstValue("X-Amz-Function-Error").isPresent();
        if (response.statusCode() != status || failed != functionError) {
            throw new IOException("answered " + response.statusCode() + (failed ? " (function error)" : "") + ": "
                    + response.body());
        }
    }

    /** Stops the workers and waits for their last requests. */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread worker : workers) {
            worker.join();
        }
    }
}
