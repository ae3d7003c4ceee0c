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
                "async", "streaming", "control-plane", "function-url", "http-api");
        String[] args = new String[] {"--smoke", "--out", out.toString(), "--server-jar",
                System.getProperty("gust.server.jar"), "--runtimes", "provided,python,nodejs", "floor", "warm",
                "bare-start", "cold-start", "idle-memory", "scale-out", "async", "streaming", "control-plane", "function-url",
                "http-api"};
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
        assertThat(results.path("targets")).hasSize(16);
        for (JsonNode target : results.path("targets")) {
            assertThat(target.path("status").asText()).isIn("met", "not met", "not measured");
        }
        assertThat(Files.readString(out.resolve("results.md"))).contains("## Targets", "| floor (nginx) | 1 |",
                "| Gust provided | 1 |", "| InvokeWithResponseStream, first PayloadChunk |");
    }
}
