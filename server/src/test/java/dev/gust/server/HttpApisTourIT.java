package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI tour of HTTP APIs (quick create, add-permission, curl, a route with a path parameter), run as written in
 * the README (section "HTTP APIs (API Gateway)"), with bash, the real AWS CLI and curl.
 */
class HttpApisTourIT {

    private static final String TOUR = "README.md";
    private static final String HEADING = "## HTTP APIs (API Gateway)";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    @Test
    void quickCreateAndARouteServeTheFunctionWithCurl() throws Exception {
        List<String> tour = ReadmeShell.section(TOUR, HEADING);
        assertThat(tour).hasSize(3);
        try (GustProcess gust = GustProcess.start(dataDir)) {
            ReadmeShell.Result result = new ReadmeShell(work, gust).bash(String.join("\n", tour));

            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output())
                    .contains("{\"route\": \"$default\", \"path\": \"/hello\", \"id\": null}")
                    .endsWith("{\"route\": \"GET /items/{id}\", \"path\": \"/items/42\", \"id\": \"42\"}");
        }
    }
}
