package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's tours of function URLs, REST APIs and response streaming, run as written with bash, the real AWS CLI
 * and curl against a real server.
 */
class HttpTriggersReadmeIT {

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void aFunctionUrlAndAnImportedRestApiServeTheFunctionWithCurl() throws Exception {
        List<String> urls = ReadmeShell.section("## Function URLs");
        List<String> rest = ReadmeShell.section("## REST APIs (API Gateway)");
        assertThat(urls).hasSize(1);
        assertThat(rest).hasSize(1);
        List<String> script = new ArrayList<>(urls);
        script.addAll(rest);
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(String.join("\n", script));

            assertThat(result.exitCode()).as(result.output()).isZero();
            String output = result.output();
            assertThat(output.split("hello /world", -1)).as(output).hasSize(3);
            assertThat(output.split("hello /hello/world", -1)).as(output).hasSize(3);
        }
    }

    @Test
    void aStreamingFunctionUrlWritesItsFirstBytesBeforeTheFunctionEnds() throws Exception {
        List<String> streaming = ReadmeShell.section("## Response streaming");
        assertThat(streaming).hasSize(1);
        String script = streaming.get(0).replace("curl -sN \"$surl\"",
                "curl -sN \"$surl\" | while IFS= read -r -n 6 part; do echo \"$(date +%s%N) [$part]\"; done");
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(script);

            assertThat(result.exitCode()).as(result.output()).isZero();
            List<String> parts = result.output().lines().filter(line -> line.matches("\\d+ \\[.*")).toList();
            assertThat(parts).as(result.output()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(parts.get(0)).endsWith("[Hello ]");
            assertThat(String.join("", parts.stream().map(p -> p.substring(p.indexOf('[') + 1, p.length() - 1))
                    .toList())).isEqualTo("Hello streaming");
            long first = Long.parseLong(parts.get(0).substring(0, parts.get(0).indexOf(' ')));
            long last = Long.parseLong(parts.get(parts.size() - 1).substring(0, parts.get(parts.size() - 1).indexOf(' ')));
            assertThat((last - first) / 1_000_000).as("ms between the first and the last bytes").isGreaterThan(500);
        }
    }
}
