package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The soak: mixed load ({@link SoakLoad}) on one server for {@code --soak-duration} (30 minutes by default),
 * sampling the server's footprint ({@link ServerFootprint}) every {@code --soak-interval} (1 minute) into
 * {@code soak.csv}, and judging whether it stayed flat ({@link FlatCheck}). Runs only when named.
 */
final class SoakScenario implements Scenario {

    private static final Duration DRAIN = Duration.ofMinutes(2);
    private static final String HEAP = "-Xmx256m";

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public boolean runsByDefault() {
        return false;
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        Duration interval = context.soakInterval();
        result.put("duration_seconds", context.soakDuration().toSeconds()).put("interval_seconds",
                interval.toSeconds());
        // a fixed heap, so that RSS shows leaks rather than the heap expanding to its default maximum
        try (GustProcess gust = GustProcess.start(context, "soak", Map.of("keep-alive", "1m"), List.of(HEAP))) {
            NoopFunctions.Runtime provided = NoopFunctions.provided(context.workDir());
            gust.lambda().createFunction(SoakLoad.WARM, provided.runtime(), provided.handler(), provided.zip(),
                    provided.memoryMb());
            gust.lambda().createFunction(SoakLoad.FAILING, "python3.12", "handler.handler",
                    NoopFunctions.zip(Map.of("handler.py", NoopFunctions.bytes(SoakLoad.FAILING_HANDLER))), 128,
                    SoakLoad.FAILING_TIMEOUT_SECONDS);
            gust.lambda().awaitReady(SoakLoad.WARM);
            gust.lambda().awaitReady(SoakLoad.FAILING);
            String sandbox = gust.lambda().health().path("engine").path("sandbox").asText();
            List<ServerFootprint> samples = new ArrayList<>();
            ArrayNode rows = result.putArray("samples");
            long start = System.nanoTime();
            sample(gust, sandbox, start, samples, rows, JsonNodeFactory.instance.objectNode());
            try (SoakLoad load = SoakLoad.start(gust.lambda(), NoopFunctions.python())) {
                long end = context.soakDuration().toNanos();
                for (long next = interval.toNanos(); next <= end; next += interval.toNanos()) {
                    ChildProcess.sleep(Math.max(0, (start + next - System.nanoTime()) / 1_000_000));
                    sample(gust, sandbox, start, samples, rows, load.counts());
                }
                load.close();
                result.set("requests", load.counts());
            }
            result.put("async_left_queued", drain(gust));
            result.set("after_drain", rows.addObject().setAll(row(ServerFootprint.of(gust.pid(), sandbox,
                    gust.dataDir()), start)));
            result.set("check", FlatCheck.judge(samples, interval));
            writeCsv(context.workDir().getParent().resolve("soak.csv"), rows);
        }
        return result;
    }

    private static void sample(GustProcess gust, String sandbox, long start, List<ServerFootprint> samples,
            ArrayNode rows, ObjectNode counts) throws IOException {
        ServerFootprint footprint = ServerFootprint.of(gust.pid(), sandbox, gust.dataDir());
        samples.add(footprint);
        ObjectNode row = rows.addObject().setAll(row(footprint, start));
        row.put("instances", gust.instances());
        row.setAll(counts);
    }

    private static ObjectNode row(ServerFootprint footprint, long start) {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("elapsed_s", Math.round((System.nanoTime() - start) / 1e9));
        for (int metric = 0; metric < ServerFootprint.METRICS.length; metric++) {
            row.put(ServerFootprint.METRICS[metric], footprint.metric(metric));
        }
        return row.put("logs_kb", footprint.logsKb());
    }

    /** Waits for the async queue to empty; returns what is still queued. */
    private static long drain(GustProcess gust) throws IOException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        long queued;
        do {
            JsonNode function = gust.lambda().health().path("async").path("functions").path(SoakLoad.WARM);
            queued = function.path("queued").asLong(0);
            if (queued > 0) {
                ChildProcess.sleep(200);
            }
        } while (queued > 0 && System.nanoTime() < deadline);
        return queued;
    }

    /** Writes the samples as CSV, one column per field of the first row. */
    private static void writeCsv(Path file, ArrayNode rows) throws IOException {
        List<String> columns = new ArrayList<>();
        for (JsonNode row : rows) {
            row.fieldNames().forEachRemaining(column -> {
                if (!columns.contains(column)) {
                    columns.add(column);
                }
            });
        }
        StringBuilder csv = new StringBuilder(String.join(",", columns)).append('\n');
        for (JsonNode row : rows) {
            List<String> values = new ArrayList<>();
            columns.forEach(column -> values.add(row.path(column).asText("")));
            csv.append(String.join(",", values)).append('\n');
        }
        Files.writeString(file, csv);
    }
}
