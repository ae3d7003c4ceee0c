package dev.gust.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soak for a few seconds against the packaged server: every kind of load is sent and answered as expected,
 * the footprint is sampled into {@code soak.csv}, and the flat check is judged. Proves the scenario works; the
 * 30-minute run is {@code bench/run soak}.
 */
class SoakSmokeIT {

    @Test
    void shortSoakSamplesTheServerAndJudgesWhetherItStaysFlat() throws Exception {
        Path out = Path.of("target/soak-smoke");
        BenchRunner.run(new String[] {"--out", out.toString(), "--server-jar", System.getProperty("gust.server.jar"),
                "--soak-duration", "12s", "--soak-interval", "3s", "soak"});

        JsonNode soak = LambdaHttp.JSON.readTree(out.resolve("results.json").toFile()).path("scenarios").path("soak");
        assertThat(soak.has("error")).as(soak.toString()).isFalse();
        JsonNode requests = soak.path("requests");
        for (String kind : List.of("warm", "cold", "failing", "async")) {
            assertThat(requests.path(kind).asLong()).as(kind).isPositive();
        }
        assertThat(requests.path("unexpected").asLong()).isZero();
        assertThat(soak.path("async_left_queued").asLong()).isZero();
        JsonNode samples = soak.path("samples");
        assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode sample : samples) {
            assertThat(sample.path("rss_kb").asLong()).isPositive();
            assertThat(sample.path("fds").asLong()).isPositive();
            assertThat(sample.path("threads").asLong()).isPositive();
            assertThat(sample.path("disk_kb").asLong()).isPositive();
        }
        assertThat(samples.get(samples.size() - 2).path("processes").asLong()).isPositive();
        for (String metric : ServerFootprint.METRICS) {
            assertThat(soak.path("check").path(metric).path("bound").asLong()).as(metric)
                    .isGreaterThanOrEqualTo(soak.path("check").path(metric).path("first_max").asLong());
        }
        assertThat(soak.path("check").path("pass").isBoolean()).isTrue();
        List<String> csv = Files.readAllLines(out.resolve("soak.csv"));
        assertThat(csv.getFirst()).startsWith("elapsed_s,rss_kb,fds,threads,processes,cgroups,disk_kb,logs_kb");
        assertThat(csv).hasSize(samples.size() + 1);
        assertThat(Files.readString(out.resolve("results.md"))).contains("## Soak", "| rss_kb |");
    }
}
