package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Scale-out: from 0 to {@code n} concurrent instances (10, 100) under one burst, per runtime; a fresh function
 * for every burst so no instance is warm.
 */
final class ScaleOutScenario implements Scenario {

    private static final long SLEEP_MS = 1000;

    @Override
    public String name() {
        return "scale-out";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("handler_sleep_ms", SLEEP_MS);
        for (NoopFunctions.Runtime runtime : NoopFunctions.all(context.workDir())) {
            if (!context.measures(runtime.key()) || runtime.key().equals("java")) {
                continue;
            }
            ObjectNode each = result.putObject(runtime.key());
            for (int n : context.smoke() ? List.of(3) : List.of(10, 100)) {
                // a fresh server per burst: the instances of earlier bursts stay idle and would add up
                try (GustProcess gust = GustProcess.start(context, "scale-" + runtime.key() + "-" + n, Map.of(),
                        List.of())) {
                    String name = "scale-" + runtime.key() + "-" + n;
                    gust.lambda().createFunction(name, runtime.runtime(), runtime.handler(), runtime.zip(),
                            runtime.memoryMb());
                    gust.lambda().awaitReady(name);
                    Bursts.Burst burst = Bursts.run(gust, name, n, SLEEP_MS);
                    ObjectNode point = each.putObject(Integer.toString(n));
                    point.put("instances_added", burst.instancesAdded());
                    point.put("failures", burst.failures());
                    point.put("scale_out_ms", LoadResult.round(burst.scaleOutMs()));
                    point.put("instances_per_second", LoadResult.round(n / (burst.scaleOutMs() / 1000.0)));
                }
            }
        }
        return result;
    }
}
