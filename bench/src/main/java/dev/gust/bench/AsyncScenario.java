package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Asynchronous invokes: {@code Event} invokes accepted per second (each {@code 202} only after the event is
 * durable in the SQLite queue) at 32 connections, and how long the queue then takes to drain.
 */
final class AsyncScenario implements Scenario {

    @Override
    public String name() {
        return "async";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "async", Map.of(), List.of())) {
            NoopFunctions.Runtime provided = NoopFunctions.provided(context.workDir());
            gust.lambda().createFunction("async-noop", provided.runtime(), provided.handler(), provided.zip(),
                    provided.memoryMb());
            gust.lambda().awaitReady("async-noop");
            int connections = context.scaled(32, 4);
            result.set("accepted", Curves.measure(context, () -> gust.invokeRequest("async-noop", "{}",
                    Map.of("X-Amz-Invocation-Type", "Event")), List.of(connections)).get(0));
            long start = System.nanoTime();
            long deadline = start + java.time.Duration.ofMinutes(context.smoke() ? 1 : 10).toNanos();
            long queued = -1;
            while (System.nanoTime() < deadline) {
                JsonNode function = gust.lambda().health().path("async").path("functions").path("async-noop");
                queued = function.path("queued").asLong(0);
                if (queued == 0) {
                    break;
                }
                ChildProcess.sleep(100);
            }
            result.put("drain_seconds", LoadResult.round((System.nanoTime() - start) / 1e9));
            result.put("left_queued", queued);
            result.set("outcomes", gust.lambda().health().path("async").path("functions").path("async-noop"));
        }
        return result;
    }
}
