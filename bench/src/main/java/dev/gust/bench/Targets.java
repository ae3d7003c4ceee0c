package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The targets, each judged from the results of one run: met or not met, with the measured ratio. A target
 * whose scenarios did not run is reported as not measured.
 */
final class Targets {

    private final JsonNode s;
    private final ArrayNode out = JsonNodeFactory.instance.arrayNode();

    private Targets(JsonNode scenarios) {
        this.s = scenarios;
    }

    static ArrayNode judge(JsonNode scenarios) {
        Targets t = new Targets(scenarios);
        t.warmLatency();
        t.throughput();
        t.functionUrl();
        t.peer();
        t.coldStart();
        t.memory();
        t.scaleOut();
        t.httpApi();
        t.queues();
        return t.out;
    }

    private void warmLatency() {
        double floor = point("floor", "points", 1).path("p50_ms").asDouble(Double.NaN);
        double provided = s.path("warm").path("provided").path("points").isArray()
                ? Curves.at((ArrayNode) s.path("warm").path("provided").path("points"), 1).path("p50_ms").asDouble()
                : Double.NaN;
        add("warm c=1: provided p50 within 3x of the floor's p50", provided / floor <= 3,
                "%.3f ms vs %.3f ms = %.2fx".formatted(provided, floor, provided / floor), provided, floor);
        double python = warmP50("python");
        add("warm c=1: python p50 under 0.5 ms", python < 0.5, "%.3f ms".formatted(python), python, 1);
    }

    private void throughput() {
        double floor = point("floor", "points", 32).path("rps").asDouble(Double.NaN);
        JsonNode points = s.path("warm").path("provided").path("points");
        double provided = points.isArray() && Curves.at((ArrayNode) points, 32) != null
                ? Curves.at((ArrayNode) points, 32).path("rps").asDouble() : Double.NaN;
        add("throughput c=32: provided at least 10% of the floor's rps", provided / floor >= 0.10,
                "%.0f/s vs %.0f/s = %.1f%%".formatted(provided, floor, 100 * provided / floor), provided, floor);
        add("throughput c=32: provided at least 15,000 invokes/s", provided >= 15_000, "%.0f/s".formatted(provided),
                provided, 1);
    }

    /** Issue 12: an HTTP API route adds at most 20% to a warm Invoke's p50 at c=1 and keeps 80% of its rps at c=32. */
    private void httpApi() {
        JsonNode run = s.path("http-api");
        if (!run.has("p50_added_c1")) {
            return;
        }
        double added = run.path("p50_added_c1").asDouble();
        add("http-api c=1: an HTTP API route adds at most 20% to a warm Invoke's p50", added <= 0.20,
                "%+.0f%%".formatted(100 * added), added, 0.20);
        double kept = run.path("rps_kept_c32").asDouble();
        add("http-api c=32: an HTTP API route keeps at least 80% of a warm Invoke's throughput", kept >= 0.80,
                "%.0f%%".formatted(100 * kept), kept, 0.80);
    }

    /**
     * Issue 13: an event source mapping delivers at least half the raw receive-and-delete rate (BatchSize 10 and 100);
     * SendMessage to handler start p50 under 20 ms; Publish to handler start measured.
     */
    private void queues() {
        JsonNode esm = s.path("sqs-esm");
        for (int batchSize : SqsEsmScenario.BATCH_SIZES) {
            JsonNode point = esm.path("batch_" + batchSize);
            double ratio = point.path("ratio_to_raw").asDouble(Double.NaN);
            add("sqs-esm BatchSize " + batchSize + ": at least 50% of the raw receive-and-delete rate", ratio >= 0.5,
                    "%d/s vs %d/s = %.0f%%".formatted(point.path("messages_per_second").asLong(),
                            esm.path("raw").path("best_messages_per_second").asLong(), 100 * ratio), ratio, 0.5);
        }
        double sqs = s.path("sqs-latency").path("send_to_handler_start").path("p50_ms").asDouble(Double.NaN);
        add("sqs-latency: SendMessage to handler start p50 under 20 ms", sqs < 20, "%.1f ms".formatted(sqs), sqs, 20);
        double sns = s.path("sns-latency").path("publish_to_handler_start").path("p50_ms").asDouble(Double.NaN);
        add("sns-latency: Publish to handler start measured and reported", !Double.isNaN(sns),
                "%.1f ms".formatted(sns), sns, 1);
    }

    private void peer() {
        JsonNode peer = s.path("peer");
        if (!peer.path("peer_points").isArray()) {
            add("peer: 3x serverless-offline's throughput", false, "not measured", Double.NaN, 1);
            add("peer: at most 1/3 of serverless-offline's p50", false, "not measured", Double.NaN, 1);
            return;
        }
        double bestRatio = Double.POSITIVE_INFINITY;
        double worstP50Ratio = 0;
        StringBuilder detail = new StringBuilder();
        StringBuilder latency = new StringBuilder();
        for (JsonNode p : peer.path("peer_points")) {
            int c = p.path("connections").asInt();
            JsonNode g = Curves.at((ArrayNode) peer.path("gust_points"), c);
            double ratio = g.path("rps").asDouble() / p.path("rps").asDouble();
            double p50Ratio = g.path("p50_ms").asDouble() / p.path("p50_ms").asDouble();
            bestRatio = Math.min(bestRatio, ratio);
            worstP50Ratio = Math.max(worstP50Ratio, p50Ratio);
            detail.append("c=%d %.1fx; ".formatted(c, ratio));
            latency.append("c=%d %.2f; ".formatted(c, p50Ratio));
        }
        add("peer: at least 3x serverless-offline's throughput (every concurrency)", bestRatio >= 3,
                detail.toString().trim(), bestRatio, 3);
        add("peer: at most 1/3 of serverless-offline's p50 (every concurrency)", worstP50Ratio <= 1.0 / 3,
                latency.toString().trim(), worstP50Ratio, 1.0 / 3);
    }

    private void coldStart() {
        for (String runtime : new String[] {"python", "nodejs"}) {
            double bare = s.path("bare-start").path(runtime).path("p50_ms").asDouble(Double.NaN);
            double cold = s.path("cold-start").path(runtime).path("after_create").path("client").path("p50_ms")
                    .asDouble(Double.NaN);
            double limit = 1.5 * bare + 10;
            add("cold start " + runtime + ": first invoke within 1.5x bare start + 10 ms", cold <= limit,
                    "%.1f ms vs limit %.1f ms (bare %.1f ms) = %.2fx of the limit".formatted(cold, limit, bare,
                            cold / limit), cold, limit);
        }
        double java = s.path("cold-start").path("java").path("after_create").path("client").path("p50_ms")
                .asDouble(Double.NaN);
        double bareJava = s.path("bare-start").path("java").path("p50_ms").asDouble(Double.NaN);
        add("cold start java: measured and reported", !Double.isNaN(java),
                "%.1f ms (bare JVM hello world %.1f ms)".formatted(java, bareJava), java, bareJava);
    }

    private void memory() {
        JsonNode big = s.path("idle-memory").path("1000");
        JsonNode any = big.isMissingNode() ? s.path("idle-memory").path("100") : big;
        double perInstance = any.path("gust_heap_per_instance_kb").asDouble(Double.NaN);
        add("Gust's own heap per idle instance at most 256 KB", perInstance <= 256,
                "%.1f KB heap after GC (%.1f KB JVM RSS) per instance, n=%d".formatted(perInstance,
                        any.path("gust_rss_per_instance_kb").asDouble(Double.NaN), any.path("requested").asInt()),
                perInstance, 256);
        int held = big.path("instances_held").asInt(0);
        add("1,000 idle Python instances held on one node", held >= 1000,
                big.isMissingNode() ? "not measured" : "%d held".formatted(held), big.isMissingNode() ? Double.NaN : held,
                1000);
    }

    private void scaleOut() {
        double worst = Double.POSITIVE_INFINITY;
        StringBuilder detail = new StringBuilder();
        for (var runtime : iterable(s.path("scale-out").fieldNames())) {
            JsonNode point = s.path("scale-out").path(runtime).path("100");
            if (point.isMissingNode()) {
                continue;
            }
            double rate = point.path("instances_per_second").asDouble();
            worst = Math.min(worst, rate);
            detail.append("%s %.0f/s; ".formatted(runtime, rate));
        }
        add("scale-out: at least 100 new instances per second (N=100)", worst >= 100,
                detail.isEmpty() ? "not measured" : detail.toString().trim(), detail.isEmpty() ? Double.NaN : worst, 100);
    }

    private void functionUrl() {
        double url = point("function-url", "url", 1).path("p50_ms").asDouble(Double.NaN);
        double invoke = point("function-url", "invoke", 1).path("p50_ms").asDouble(Double.NaN);
        add("function URL c=1: p50 at most 1.2x a direct warm Invoke's", url / invoke <= 1.2,
                "%.3f ms vs %.3f ms = %.2fx".formatted(url, invoke, url / invoke), url, invoke);
        double urlRps = point("function-url", "url", 32).path("rps").asDouble(Double.NaN);
        double invokeRps = point("function-url", "invoke", 32).path("rps").asDouble(Double.NaN);
        add("function URL c=32: at least 80% of a direct warm Invoke's throughput", urlRps / invokeRps >= 0.8,
                "%.0f/s vs %.0f/s = %.1f%%".formatted(urlRps, invokeRps, 100 * urlRps / invokeRps), urlRps, invokeRps);
    }

    private JsonNode point(String scenario, String field, int connections) {
        JsonNode points = s.path(scenario).path(field);
        ObjectNode point = points.isArray() ? Curves.at((ArrayNode) points, connections) : null;
        return point == null ? JsonNodeFactory.instance.objectNode() : point;
    }

    private double warmP50(String runtime) {
        JsonNode points = s.path("warm").path(runtime).path("points");
        ObjectNode point = points.isArray() ? Curves.at((ArrayNode) points, 1) : null;
        return point == null ? Double.NaN : point.path("p50_ms").asDouble();
    }

    private void add(String target, boolean met, String detail, double measured, double reference) {
        ObjectNode node = out.addObject();
        node.put("target", target);
        node.put("status", Double.isNaN(measured) || Double.isNaN(reference) || detail.contains("NaN")
                ? "not measured" : met ? "met" : "not met");
        node.put("detail", detail);
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
