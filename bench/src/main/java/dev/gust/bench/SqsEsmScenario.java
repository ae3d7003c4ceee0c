package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an event source mapping delivers: a queue preloaded with N messages is mapped to a no-op function with
 * {@code BatchSize} 10 (no batching window) and 100 (a 1 s window, as AWS requires above 10), and the clock runs from
 * {@code CreateEventSourceMapping} until the queue holds no message, visible or in flight: the poller deletes a batch
 * only after the function succeeded with it, so an empty queue means the handler saw every message. Measured beside
 * the raw receive-and-delete rate of the same server ({@link SqsRawScenario}), in the same run.
 */
final class SqsEsmScenario implements Scenario {

    static final List<Integer> BATCH_SIZES = List.of(10, 100);

    @Override
    public String name() {
        return "sqs-esm";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        NoopFunctions.Runtime runtime = NoopFunctions.providedOrPython(context);
        result.put("runtime", runtime.runtime());
        try (GustProcess gust = GustProcess.start(context, "sqs-esm", Map.of(), List.of())) {
            String function = "esm-" + runtime.key();
            gust.lambda().createFunction(function, runtime.runtime(), runtime.handler(), runtime.zip(),
                    runtime.memoryMb());
            gust.lambda().awaitReady(function);
            ObjectNode raw = SqsRawScenario.measure(context, gust);
            result.set("raw", raw);
            double rawRate = raw.path("best_messages_per_second").asDouble();
            SqsHttp sqs = new SqsHttp(gust.port(), GustProcess.signer());
            for (int batchSize : BATCH_SIZES) {
                ObjectNode point = result.putObject("batch_" + batchSize);
                double rate = delivered(context, gust, sqs, function, batchSize, point);
                point.put("ratio_to_raw", LoadResult.round(rate / rawRate));
            }
            result.put("instances", gust.instances());
        }
        return result;
    }

    /** Preloads, maps, times the drain, unmaps; returns the messages per second. */
    private static double delivered(BenchContext context, GustProcess gust, SqsHttp sqs, String function,
            int batchSize, ObjectNode point) throws Exception {
        int n = SqsRawScenario.messages(context);
        String queue = sqs.createQueue("esm-" + batchSize);
        SqsRawScenario.preload(sqs, queue, n);
        String queueArn = sqs.queueArn(queue);
        long start = System.nanoTime();
        String mapping = gust.lambda().createEventSourceMapping(function, queueArn, batchSize, batchSize > 10 ? 1 : 0);
        long deadline = start + Duration.ofMinutes(context.smoke() ? 2 : 15).toNanos();
        long remaining = n;
        while (remaining > 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException(remaining + " of " + n + " messages still queued with BatchSize " + batchSize);
            }
            ChildProcess.sleep(20);
            remaining = sqs.remaining(queue);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        gust.lambda().deleteEventSourceMapping(mapping);
        point.put("messages", n);
        point.put("seconds", LoadResult.round(seconds));
        point.put("messages_per_second", Math.round(n / seconds));
        return n / seconds;
    }
}
