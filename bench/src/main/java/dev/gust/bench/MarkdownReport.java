package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Renders {@code results.json} as Markdown tables, one section per scenario, targets first. */
final class MarkdownReport {

    private final StringBuilder md = new StringBuilder();

    private MarkdownReport() {
    }

    static String render(JsonNode results) {
        MarkdownReport r = new MarkdownReport();
        r.meta(results.path("meta"));
        r.targets(results.path("targets"));
        JsonNode s = results.path("scenarios");
        r.curves(s);
        r.coldStart(s.path("bare-start"), s.path("cold-start"));
        r.simple("Idle memory", s.path("idle-memory"));
        r.simple("Scale-out", s.path("scale-out"));
        r.simple("Async", s.path("async"));
        r.streaming(s.path("streaming"));
        r.simple("Control plane", s.path("control-plane"));
        r.simple("SQS: raw receive-and-delete", s.path("sqs-raw"));
        r.simple("SQS: event source mapping delivery", s.path("sqs-esm"));
        r.simple("SQS: SendMessage to handler start", s.path("sqs-latency"));
        r.simple("SNS: Publish to handler start", s.path("sns-latency"));
        r.soak(s.path("soak"));
        s.fields().forEachRemaining(e -> {
            if (e.getValue().has("error")) {
                r.md.append("\n**").append(e.getKey()).append(" failed:** ").append(e.getValue().path("error").asText())
                        .append('\n');
            }
        });
        return r.md.toString();
    }

    private void meta(JsonNode meta) {
        md.append("# Gust benchmark results\n\n");
        meta.fields().forEachRemaining(e -> md.append("- ").append(e.getKey()).append(": ")
                .append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()).append('\n'));
    }

    private void targets(JsonNode targets) {
        md.append("\n## Targets\n\n| target | status | measured |\n|---|---|---|\n");
        for (JsonNode t : targets) {
            md.append("| ").append(t.path("target").asText()).append(" | ").append(t.path("status").asText())
                    .append(" | ").append(t.path("detail").asText()).append(" |\n");
        }
    }

    private void curves(JsonNode s) {
        md.append("\n## Warm invokes: throughput and latency against concurrency\n\n")
                .append("| system | connections | req/s | p50 ms | p99 ms | p99.9 ms | max ms | errors |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        rows("floor (nginx)", s.path("floor").path("points"));
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("warm").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            rows("Gust " + e.getKey(), e.getValue().path("points"));
        }
        rows("Gust provided, root (authorization run)", s.path("authorization").path("root").path("points"));
        rows("Gust provided, assumed role (authorization run)", s.path("authorization").path("assumed_role")
                .path("points"));
        rows("Gust provided, IAM user (authorization run)", s.path("authorization").path("iam_user")
                .path("points"));
        JsonNode httpApi = s.path("http-api");
        String httpRuntime = httpApi.path("runtime").asText();
        rows("floor (nginx, http-api run)", httpApi.path("floor"));
        rows("Gust " + httpRuntime + " Invoke (http-api run)", httpApi.path("invoke"));
        rows("Gust " + httpRuntime + " HTTP API route (http-api run)", httpApi.path("http_api"));
        rows("serverless-offline (node)", s.path("peer").path("peer_points"));
        rows("Gust nodejs (peer run)", s.path("peer").path("gust_points"));
        if (s.path("floor").has("wrk")) {
            JsonNode wrk = s.path("floor").path("wrk");
            md.append("\nwrk cross-check of the floor: ").append(wrk.path("rps").asText()).append(" req/s at ")
                    .append(wrk.path("connections").asText()).append(" connections (1 thread).\n");
        }
    }

    private void rows(String system, JsonNode points) {
        for (JsonNode p : points) {
            md.append("| ").append(system).append(" | ").append(p.path("connections").asText()).append(" | ")
                    .append(Math.round(p.path("rps").asDouble())).append(" | ").append(p.path("p50_ms").asText())
                    .append(" | ").append(p.path("p99_ms").asText()).append(" | ").append(p.path("p999_ms").asText())
                    .append(" | ").append(p.path("max_ms").asText()).append(" | ").append(p.path("errors").asText())
                    .append(" |\n");
        }
    }

    private void coldStart(JsonNode bare, JsonNode cold) {
        if (bare.isMissingNode() && cold.isMissingNode()) {
            return;
        }
        md.append("\n## Cold start (p50, ms)\n\n")
                .append("| runtime | bare start | first invoke after create | init | handler | Gust overhead | "
                        + "first invoke after update |\n|---|---|---|---|---|---|---|\n");
        for (String runtime : new String[] {"provided", "python", "nodejs", "java", "ruby"}) {
            JsonNode c = cold.path(runtime).path("after_create");
            md.append("| ").append(runtime).append(" | ").append(bare.path(runtime).path("p50_ms").asText("-"))
                    .append(" | ").append(c.path("client").path("p50_ms").asText("-"))
                    .append(" | ").append(c.path("init").path("p50_ms").asText("-"))
                    .append(" | ").append(c.path("handler").path("p50_ms").asText("-"))
                    .append(" | ").append(c.path("gust_overhead").path("p50_ms").asText("-"))
                    .append(" | ").append(cold.path(runtime).path("after_update").path("client").path("p50_ms")
                            .asText("-")).append(" |\n");
        }
        md.append("\n`init` is the REPORT line's Init Duration (sandbox launch until the runtime's first `GET /next`); "
                + "the `provided` row's init is the sandbox set-up itself (its static bootstrap costs ~1 ms bare), "
                + "so a runtime's own start is its init minus that.\n");
    }

    private void soak(JsonNode soak) {
        if (soak.isMissingNode() || soak.has("error")) {
            return;
        }
        JsonNode check = soak.path("check");
        md.append("\n## Soak\n\n").append(soak.path("duration_seconds").asLong())
                .append(" s of mixed load, sampled every ").append(soak.path("interval_seconds").asLong())
                .append(" s (soak.csv, soak.png); requests: ")
                .append(soak.path("requests").toString()).append(". Stays flat: **")
                .append(check.path("pass").asBoolean() ? "pass" : "FAIL").append("** (max of the last ")
                .append(check.path("window_samples").asLong()).append(" samples against the first ones)\n\n")
                .append("| metric | first window max | last window max | bound | flat |\n|---|---|---|---|---|\n");
        for (String metric : ServerFootprint.METRICS) {
            JsonNode m = check.path(metric);
            md.append("| ").append(metric).append(" | ").append(m.path("first_max").asLong()).append(" | ")
                    .append(m.path("last_max").asLong()).append(" | ").append(m.path("bound").asLong()).append(" | ")
                    .append(m.path("flat").asBoolean() ? "yes" : "**no**").append(" |\n");
        }
    }

    private void streaming(JsonNode node) {
        if (node.isMissingNode() || node.has("error")) {
            return;
        }
        md.append("\n## Response streaming (").append(node.path("function").asText()).append(", 1 connection)\n\n")
                .append("| measure | p50 ms | p99 ms | n |\n|---|---|---|---|\n");
        streamingRow("InvokeWithResponseStream, first PayloadChunk", node.path("stream_first_byte"));
        streamingRow("InvokeWithResponseStream, InvokeComplete", node.path("stream_complete"));
        JsonNode invoke = node.path("invoke");
        md.append("| Invoke (whole response) | ").append(invoke.path("p50_ms").asText()).append(" | ")
                .append(invoke.path("p99_ms").asText()).append(" | ").append(invoke.path("requests").asText())
                .append(" |\n");
    }

    private void streamingRow(String measure, JsonNode summary) {
        md.append("| ").append(measure).append(" | ").append(summary.path("p50_ms").asText()).append(" | ")
                .append(summary.path("p99_ms").asText()).append(" | ").append(summary.path("n").asText())
                .append(" |\n");
    }

    private void simple(String title, JsonNode node) {
        if (node.isMissingNode() || node.has("error")) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n```json\n").append(node.toPrettyString()).append("\n```\n");
    }
}
