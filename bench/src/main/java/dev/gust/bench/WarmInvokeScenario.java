package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Warm synchronous invokes of a no-op function, per runtime: latency and throughput at every concurrency.
 * Each function is warmed at the highest concurrency first, so every measured invoke finds a warm instance.
 */
final class WarmInvokeScenario implements Scenario {

    @Override
    public String name() {
        return "warm";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (NoopFunctions.Runtime runtime : NoopFunctions.all(context.workDir())) {
            if (!context.measures(runtime.key())) {
                continue;
            }
            // one server per runtime: each holds at most the highest concurrency's instances
            try (GustProcess gust = GustProcess.start(context, "warm-" + runtime.key(), Map.of(), List.of())) {
                String name = "noop-" + runtime.key();
                gust.lambda().createFunction(name, runtime.runtime(), runtime.handler(), runtime.zip(), runtime.memoryMb());
                gust.lambda().awaitReady(name);
                // warm as many instances as the highest concurrency will use
                LoadGenerator.run(gust.invokeRequest(name, "{}", Map.of()), context.concurrencies().getLast(),
                        context.warmup(), context.warmup());
                ObjectNode each = result.putObject(runtime.key());
                each.put("runtime", runtime.runtime());
                each.set("points", Curves.measure(context, () -> gust.invokeRequest(name, "{}", Map.of())));
                each.put("instances", gust.instances());
            }
        }
        return result;
    }
}
