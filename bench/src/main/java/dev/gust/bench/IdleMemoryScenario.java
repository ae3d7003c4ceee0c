package dev.gust.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Idle instance memory: a fresh server brings up {@code n} Python instances (100 and 1,000) with one burst, then
 * measures the instances' process trees (RSS and PSS per instance) and Gust's own cost per instance: heap in use
 * after a full GC and the JVM's RSS, each minus the same measure before the burst, divided by {@code n}.
 */
final class IdleMemoryScenario implements Scenario {

    @Override
    public String name() {
        return "idle-memory";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (int n : context.smoke() ? List.of(5) : List.of(100, 1000)) {
            result.set(Integer.toString(n), measure(context, n));
        }
        return result;
    }

    private static ObjectNode measure(BenchContext context, int n) throws Exception {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "idle-" + n, Map.of(), List.of())) {
            NoopFunctions.Runtime python = NoopFunctions.python();
            gust.lambda().createFunction("idle-python", python.runtime(), python.handler(), python.zip(), python.memoryMb());
            gust.lambda().awaitReady("idle-python");
            gust.lambda().invoke("idle-python", "{}"); // load classes of the invoke path before the baseline
            long heapBefore = ProcessMemory.heapAfterGcKb(context.java(), gust.pid());
            long rssBefore = ProcessMemory.of(gust.pid()).rssKb();
            int instancesBefore = gust.instances();
            long sleepMs = n >= 1000 ? 8000 : 2000;
            Bursts.Burst burst = Bursts.run(gust, "idle-python", n, sleepMs);
            ChildProcess.sleep(1000);
            int instances = gust.instances() - instancesBefore;
            ProcessMemory.Usage sandboxes = ProcessMemory.descendants(gust.pid());
            long heapAfter = ProcessMemory.heapAfterGcKb(context.java(), gust.pid());
            long rssAfter = ProcessMemory.of(gust.pid()).rssKb();
            int held = gust.instances();
            node.put("requested", n);
            node.put("instances_started", instances);
            node.put("instances_held", held);
            node.put("burst_failures", burst.failures());
            node.put("bring_up_ms", LoadResult.round(burst.scaleOutMs()));
            node.put("processes", sandboxes.processes());
            node.put("instance_rss_kb", sandboxes.rssKb() / Math.max(1, held));
            node.put("instance_pss_kb", sandboxes.pssKb() / Math.max(1, held));
            node.put("instances_rss_total_mb", sandboxes.rssKb() / 1024);
            node.put("instances_pss_total_mb", sandboxes.pssKb() / 1024);
            node.put("gust_heap_before_kb", heapBefore);
            node.put("gust_heap_after_kb", heapAfter);
            node.put("gust_heap_per_instance_kb", LoadResult.round((heapAfter - heapBefore) / (double) Math.max(1, held)));
            node.put("gust_rss_per_instance_kb", LoadResult.round((rssAfter - rssBefore) / (double) Math.max(1, held)));
        }
        return node;
    }
}
