package dev.gust.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark runner: runs the chosen scenarios (all but the soak by default) against the packaged server and the
 * baselines, and writes {@code results.json} and {@code results.md} into the output folder.
 *
 * <pre>
 * java -cp ... dev.gust.bench.BenchRunner [--smoke] [--out DIR] [--duration 10s] [--warmup 3s] [--repeats 3]
 *     [--concurrency 1,8,32,64] [--runtimes provided,python,nodejs,java,ruby] [--server-jar JAR] [--peer-dir DIR]
 *     [--soak-duration 30m] [--soak-interval 1m] [scenario...]
 * </pre>
 */
public final class BenchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchRunner.class);

    static final List<Scenario> SCENARIOS = List.of(new FloorScenario(), new WarmInvokeScenario(),
            new PeerScenario(), new BareStartScenario(), new ColdStartScenario(), new IdleMemoryScenario(),
            new ScaleOutScenario(), new AsyncScenario(), new StreamingScenario(), new ControlPlaneScenario(),
            new AuthorizationScenario(), new FunctionUrlScenario(), new HttpApiScenario(), new SqsRawScenario(),
            new SqsEsmScenario(), new SqsLatencyScenario(), new SnsLatencyScenario(), new SoakScenario());

    private BenchRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path out = run(args);
        System.out.println("bench: results in " + out);
    }

    /** Runs and returns the output folder; throws if a scenario failed (after writing every result). */
    public static Path run(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--smoke")) {
                smoke = true;
            } else if (args[i].startsWith("--")) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path out = Path.of(options.getOrDefault("out", "bench/results/" + stamp)).toAbsolutePath();
        Files.createDirectories(out);
        Path work = Files.createDirectories(out.resolve("work"));
        BenchContext context = new BenchContext(
                Path.of(options.getOrDefault("server-jar", "server/target/gust-server.jar")).toAbsolutePath(),
                Path.of(System.getProperty("java.home"), "bin", "java"), work,
                Path.of(options.getOrDefault("peer-dir", System.getProperty("user.home") + "/.cache/gust-bench/peer")),
                smoke,
                duration(options.getOrDefault("warmup", smoke ? "300ms" : "3s")),
                duration(options.getOrDefault("duration", smoke ? "500ms" : "10s")),
                Integer.parseInt(options.getOrDefault("repeats", smoke ? "1" : "3")),
                Arrays.stream(options.getOrDefault("concurrency", smoke ? "1,8" : "1,8,32,64").split(","))
                        .map(Integer::parseInt).toList(),
                List.of(options.getOrDefault("runtimes", "provided,python,nodejs,java,ruby").split(",")),
                duration(options.getOrDefault("soak-duration", smoke ? "10s" : "30m")),
                duration(options.getOrDefault("soak-interval", smoke ? "2s" : "1m")));
        if (!Files.isRegularFile(context.serverJar())) {
            throw new IOException("no server jar at " + context.serverJar() + "; build it with ./mvnw package");
        }
        ObjectNode results = LambdaHttp.JSON.createObjectNode();
        results.set("meta", Machine.describe(context));
        ObjectNode scenarios = results.putObject("scenarios");
        List<String> failed = new ArrayList<>();
        for (Scenario scenario : SCENARIOS) {
            if (names.isEmpty() ? !scenario.runsByDefault() : !names.contains(scenario.name())) {
                continue;
            }
            System.out.println("bench: " + scenario.name() + "...");
            long start = System.nanoTime();
            try {
                ObjectNode result = scenario.run(context);
                result.put("scenario_seconds", LoadResult.round((System.nanoTime() - start) / 1e9));
                scenarios.set(scenario.name(), result);
            } catch (Exception | AssertionError e) {
                failed.add(scenario.name());
                scenarios.putObject(scenario.name()).put("error", e.toString());
                LOG.error("scenario {} failed", scenario.name(), e);
            }
            write(out, results);
        }
        results.set("targets", Targets.judge(scenarios));
        write(out, results);
        if (!failed.isEmpty()) {
            throw new IllegalStateException("scenarios failed: " + failed + "; see " + out.resolve("results.json"));
        }
        return out;
    }

    private static void write(Path out, ObjectNode results) throws IOException {
        Files.writeString(out.resolve("results.json"), results.toPrettyString());
        Files.writeString(out.resolve("results.md"), MarkdownReport.render(results));
    }

    static Duration duration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("m")) {
            return Duration.ofSeconds((long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 60));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        throw new IllegalArgumentException("a duration such as 10s or 500ms: " + text);
    }
}
