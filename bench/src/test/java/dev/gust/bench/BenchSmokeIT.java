package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runner's smoke mode against the packaged server and the nginx floor: every scenario but the peer (whose npm
 * install needs the network) runs with tiny durations and counts, and the results are written with sane fields.
 * Proves the runner works; asserts no speed.
 */
class BenchSmokeIT {

    @Test
    void smokeRunWritesResultsForEveryScenario() throws Exception {
        Path out = Path.of("target/bench-smoke");
        List<String> scenarios = List.of("floor", "warm", "bare-start", "cold-start", "idle-memory", "scale-out",
                "async", "streaming", "control-plane", "function-url", "http-api", "sqs-raw", "sqs-esm", "sqs-latency",
                "sns-latency");
        String[] args = new String[] {"--smoke", "--out", out.toString(), "--server-jar",
                System.getProperty("gust.server.jar"), "--runtimes", "provided,python,nodejs", "floor", "warm",
                "bare-start", "cold-start", "idle-memory", "scale-out", "async", "streaming", "control-plane", "function-url",
                "http-api", "sqs-raw", "sqs-esm", "sqs-latency", "sns-latency"};
        BenchRunner.run(args);

        JsonNode results = LambdaHttp.JSON.readTree(out.resolve("results.json").toFile());
        JsonNode s = results.path("scenarios");
        assertThat(s.fieldNames()).toIterable().containsExactlyElementsOf(scenarios);
        JsonNode floor = s.path("floor").path("points").get(0);
        assertThat(floor.path("requests").asLong()).isPositive();
        assertThat(floor.path("errors").asLong()).isZero();
        for (String runtime : List.of("provided", "python", "nodejs")) {
            for (JsonNode point : s.path("warm").path(runtime).path("points")) {
                assertThat(point.path("requests").asLong()).as(runtime).isPositive();
                assertThat(point.path("errors").asLong()).as(runtime).isZero();
                assertThat(point.path("p50_ms").asDouble()).as(runtime).isPositive()
                        .isLessThanOrEqualTo(point.path("p99_ms").asDouble());
            }
            JsonNode cold = s.path("cold-start").path(runtime);
            assertThat(cold.path("after_create").path("init").path("p50_ms").asDouble()).as(runtime).isPositive();
            assertThat(cold.path("after_update").path("client").path("p50_ms").asDouble()).as(runtime).isPositive();
        }
        assertThat(s.path("idle-memory").path("5").path("instances_held").asInt()).isGreaterThanOrEqualTo(5);
        assertThat(s.path("idle-memory").path("5").path("instance_rss_kb").asLong()).isPositive();
        assertThat(s.path("scale-out").path("python").path("3").path("instances_added").asInt()).isEqualTo(3);
        assertThat(s.path("async").path("accepted").path("requests").asLong()).isPositive();
        assertThat(s.path("async").path("left_queued").asLong()).isZero();
        JsonNode streaming = s.path("streaming");
        assertThat(streaming.path("stream_first_byte").path("n").asInt()).isPositive();
        assertThat(streaming.path("stream_first_byte").path("p50_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(streaming.path("stream_complete").path("p50_ms").asDouble());
        assertThat(streaming.path("invoke").path("requests").asLong()).isPositive();
        assertThat(streaming.path("invoke").path("errors").asLong()).isZero();
        assertThat(s.path("control-plane").path("list_all_pages").path("listed").asInt())
                .isEqualTo(s.path("control-plane").path("functions").asInt());
        for (String door : List.of("invoke", "url")) {
            for (JsonNode point : s.path("function-url").path(door)) {
                assertThat(point.path("requests").asLong()).as(door).isPositive();
                assertThat(point.path("errors").asLong()).as(door).isZero();
            }
        }
        assertThat(s.path("function-url").path("url_p50_over_invoke_c1").asDouble()).isPositive();
        assertThat(s.path("sqs-raw").path("best_messages_per_second").asLong()).isPositive();
        for (String batch : List.of("batch_10", "batch_100")) {
            JsonNode point = s.path("sqs-esm").path(batch);
            assertThat(point.path("messages").asInt()).as(batch).isEqualTo(s.path("sqs-esm").path("raw")
                    .path("clients_1").path("messages").asInt());
            assertThat(point.path("messages_per_second").asLong()).as(batch).isPositive();
            assertThat(point.path("ratio_to_raw").asDouble()).as(batch).isPositive();
        }
        for (String[] latency : new String[][] {{"sqs-latency", "send_to_handler_start"},
                {"sns-latency", "publish_to_handler_start"}}) {
            JsonNode summary = s.path(latency[0]).path(latency[1]);
            assertThat(summary.path("n").asInt()).as(latency[0]).isEqualTo(10);
            assertThat(summary.path("p50_ms").asDouble()).as(latency[0]).isPositive()
                    .isLessThanOrEqualTo(summary.path("max_ms").asDouble());
        }
        assertThat(results.path("targets")).hasSize(20);
        for (JsonNode target : results.path("targets")) {
            assertThat(target.path("status").asText()).isIn("met", "not met", "not measured");
        }
        assertThat(Files.readString(out.resolve("results.md"))).contains("## Targets", "| floor (nginx) | 1 |",
                "| Gust provided | 1 |", "| InvokeWithResponseStream, first PayloadChunk |");
    }
}
