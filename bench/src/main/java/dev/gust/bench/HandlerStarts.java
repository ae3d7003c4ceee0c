package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * When a latency function's handler started for each message: the function prints
 * {@code {"bench_id": ..., "start_ns": ...}} (wall-clock nanoseconds, {@code time.time_ns()}) as its first act, and
 * this reads those lines from the function's log streams in Gust's data dir as they are appended. The sandbox shares
 * the host's clock, so a start is comparable with the runner's {@code Instant.now()}. Not thread-safe.
 */
final class HandlerStarts {

    /** The latency function: records its start before anything else, then one line per record. */
    static final String PYTHON = """
            import json, time
            def handler(event, context):
                start = time.time_ns()
                for record in event.get("Records", []):
                    sns = record.get("Sns")
                    bench_id = sns["Message"] if sns else record.get("body")
                    print(json.dumps({"bench_id": bench_id, "start_ns": start}), flush=True)
                return {}
            """;

    /**
     * The latencies measured, in milliseconds: from the send until the handler started, until the send was answered,
     * and from that answer until the handler started (what delivery adds to a durable send).
     */
    record Samples(List<Double> latencies, List<Double> acknowledged, List<Double> afterAcknowledged) {
    }

    /** Sends one message carrying {@code id} (SendMessage, Publish). */
    @FunctionalInterface
    interface Sender {
        void send(String id) throws IOException;
    }

    private final Path logGroup;
    private final Map<Path, Long> offsets = new HashMap<>();
    private final Map<String, Long> starts = new HashMap<>();

    /** @param function the function, in the server's default account and region */
    HandlerStarts(Path dataDir, String function) {
        this.logGroup = dataDir.resolve("logs").resolve("000000000000").resolve(GustProcess.REGION).resolve(function);
    }

    /** Creates the latency function ({@link #PYTHON}) and waits until it is ready; returns its name. */
    static String createFunction(GustProcess gust, String name) throws IOException {
        gust.lambda().createFunction(name, "python3.12", "handler.handler",
                NoopFunctions.zip(Map.of("handler.py", PYTHON.getBytes(StandardCharsets.UTF_8))), 128);
        gust.lambda().awaitReady(name);
        return name;
    }

    /**
     * Sends warm-up messages until the function is warm (the first one starts an instance), then one message at a
     * time, each once the handler started for the one before, and measures each.
     */
    static Samples measure(BenchContext context, HandlerStarts starts, Sender sender) throws IOException {
        for (int i = 0; i < 3; i++) {
            sender.send("warm-" + i);
            starts.await("warm-" + i, Duration.ofMinutes(2));
        }
        Samples samples = new Samples(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        int n = context.scaled(200, 10);
        for (int i = 0; i < n; i++) {
            String id = "m-" + i;
            long sent = epochNanos();
            sender.send(id);
            long answered = epochNanos();
            long started = starts.await(id, Duration.ofSeconds(30));
            samples.latencies().add((started - sent) / 1e6);
            samples.acknowledged().add((answered - sent) / 1e6);
            samples.afterAcknowledged().add((started - answered) / 1e6);
        }
        return samples;
    }

    /** The wall clock in nanoseconds since the epoch, as Python's {@code time.time_ns()} reads it. */
    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * Waits until the handler started for {@code id}; returns the start in wall-clock nanoseconds.
     *
     * @throws IOException if it did not within {@code timeout}
     */
    long await(String id, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!starts.containsKey(id)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the handler never started for " + id + " (logs in " + logGroup + ")");
            }
            readNewLines();
            if (!starts.containsKey(id)) {
                ChildProcess.sleep(1);
            }
        }
        return starts.get(id);
    }

    private void readNewLines() throws IOException {
        if (!Files.isDirectory(logGroup)) {
            return;
        }
        List<Path> streams;
        try (Stream<Path> files = Files.list(logGroup)) {
            streams = files.toList();
        }
        for (Path stream : streams) {
            long offset = offsets.getOrDefault(stream, 0L);
            try (RandomAccessFile file = new RandomAccessFile(stream.toFile(), "r")) {
                if (file.length() <= offset) {
                    continue;
                }
                byte[] bytes = new byte[(int) (file.length() - offset)];
                file.seek(offset);
                file.readFully(bytes);
                int complete = lastNewline(bytes) + 1; // a line being written is read next time
                offsets.put(stream, offset + complete);
                new String(bytes, 0, complete, StandardCharsets.UTF_8).lines().forEach(this::record);
            }
        }
    }

    private void record(String line) {
        if (!line.startsWith("{\"bench_id\"")) {
            return;
        }
        try {
            JsonNode node = LambdaHttp.JSON.readTree(line);
            starts.putIfAbsent(node.path("bench_id").asText(), node.path("start_ns").asLong());
        } catch (IOException e) {
            // output that merely looks like the line
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
