package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What idle instances cost Gust itself: the function's output goes straight to its log file, so an idle instance
 * holds no reader thread in Gust. (Reader threads blocked on pipes once pinned every carrier of the virtual-thread
 * scheduler: with enough idle instances, no new instance could start.)
 */
class IdleInstancesIT {

    private static final int INSTANCES = 24;
    private static final String SLEEPER = """
            import time
            def handler(event, context):
                print("invoked", flush=True)
                time.sleep(event.get("sleep", 0))
                return {"stream": context.log_stream_name}
            """;

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of("GUST_CONCURRENCY", "100"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void idleInstancesHoldNoReaderThreadsAndNewInstancesStillStart() throws Exception {
        TestFunctions functions = server.functions();
        functions.create("warmup", "python3.12", "app.handler", Map.of("app.py", SLEEPER));
        functions.invoke("warmup", "{}");
        int threadsBefore = threads();

        functions.create("crowd", "python3.12", "app.handler", Map.of("app.py", SLEEPER));
        List<CompletableFuture<String>> calls = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(INSTANCES)) {
            for (int i = 0; i < INSTANCES; i++) {
                calls.add(CompletableFuture.supplyAsync(
                        () -> TestFunctions.json(functions.invoke("crowd", "{\"sleep\": 1.5}")).get("stream").asText(),
                        callers));
            }
        }
        assertThat(calls.stream().map(CompletableFuture::join).distinct()).hasSize(INSTANCES);
        int added = threads() - threadsBefore;

        // The JDK keeps one "process reaper" thread per live child process; the old output copying added two more.
        assertThat(added).as("threads added by %d idle instances", INSTANCES).isLessThan(INSTANCES * 3 / 2);
        functions.create("newcomer", "python3.12", "app.handler", Map.of("app.py", SLEEPER));
        assertThat(functions.invoke("newcomer", "{}").statusCode()).isEqualTo(200);
        Path logs = TestServer.logGroupDir(dataDir, "crowd");
        try (var streams = Files.list(logs)) {
            assertThat(streams.toList()).hasSize(INSTANCES).allSatisfy(stream ->
                    assertThat(Files.readString(stream)).contains("invoked\n"));
        }
    }

    private static int threads() throws Exception {
        return Files.readAllLines(Path.of("/proc", Long.toString(server.gust().pid()), "status")).stream()
                .filter(line -> line.startsWith("Threads:"))
                .mapToInt(line -> Integer.parseInt(line.substring("Threads:".length()).trim()))
                .findFirst().orElseThrow();
    }
}
