package dev.gust.server;

import static dev.gust.server.AsyncTesting.logs;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * An Event invoke answered 202 is durable: a burst of invokes from several threads, a SIGKILL in the middle of it,
 * a restart on the same data dir, and every acknowledged event runs at least once.
 */
class AsyncDurabilityIT {

    private static final int EVENTS = 1_000;
    private static final int KILL_AFTER_ACKNOWLEDGED = 300;
    private static final Pattern RAN = Pattern.compile("BURST (event-\\d{4})");
    private static final Map<String, String> SETTINGS = Map.of("GUST_ASYNC_RETRY_DELAYS", "1s,2s",
            "GUST_ASYNC_CONCURRENCY", "4");

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedEventRunsAfterAKillInTheMiddleOfABurst() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKNOWLEDGED);
        GustProcess gust = AsyncTesting.start(dataDir, SETTINGS);
        try (LambdaClient lambda = LambdaClients.forServer(gust.endpoint())) {
            AsyncTesting.createPython(lambda, "burst", """
                    def handler(event, context):
                        print("BURST " + event["id"])
                    """);
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int i = 0; i < EVENTS; i++) {
                String id = "event-%04d".formatted(i);
                clients.execute(() -> {
                    try {
                        InvokeResponse response = AsyncTesting.invokeEvent(lambda, "burst", "{\"id\":\"" + id + "\"}");
                        if (response.statusCode() == 202) {
                            acknowledged.add(id);
                            enough.countDown();
                        }
                    } catch (RuntimeException e) {
                        refused.incrementAndGet(); // the server is gone: not acknowledged, so not promised
                    }
                });
            }
            assertThat(enough.await(5, TimeUnit.MINUTES)).as("acknowledged before the kill").isTrue();
            gust.kill();
            clients.shutdown();
            assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        } finally {
            gust.kill();
        }
        Set<String> promised = Set.copyOf(acknowledged);
        Set<String> ranBeforeKill = ran();
        System.out.printf("[measure] %d of %d Event invokes acknowledged before SIGKILL (%d failed, %d never sent or "
                + "unanswered); %d of them had run before the kill%n", promised.size(), EVENTS, refused.get(),
                EVENTS - promised.size() - refused.get(), ranBeforeKill.stream().filter(promised::contains).count());
        assertThat(promised.size()).as("the kill came in the middle of the burst").isLessThan(EVENTS);

        long restarted = System.nanoTime();
        try (GustProcess again = AsyncTesting.start(dataDir, SETTINGS)) {
            long ready = System.nanoTime();
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(ran()).containsAll(promised));
            long drained = System.nanoTime();
            Set<String> ran = ran();
            Set<String> unpromised = new HashSet<>(ran);
            unpromised.removeAll(promised);
            long runs = RAN.matcher(logs(dataDir, "burst")).results().count();
            System.out.printf("[measure] restart took %.1f s; every acknowledged event had run %.1f s after the "
                    + "restarted server was ready (%d distinct events ran, %d of them never acknowledged, %d runs "
                    + "in all, so %d duplicates)%n", (ready - restarted) / 1e9, (drained - ready) / 1e9, ran.size(),
                    unpromised.size(), runs, runs - ran.size());
            assertThat(ran).allSatisfy(id -> assertThat(id).matches("event-\\d{4}"));

            // a client resends what was never acknowledged: then all of the burst has run
            try (LambdaClient lambda = LambdaClients.forServer(again.endpoint())) {
                for (int i = 0; i < EVENTS; i++) {
                    String id = "event-%04d".formatted(i);
                    if (!promised.contains(id)) {
                        assertThat(AsyncTesting.invokeEvent(lambda, "burst", "{\"id\":\"" + id + "\"}")
                                .statusCode()).isEqualTo(202);
                    }
                }
            }
            Awaitility.await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(ran()).hasSize(EVENTS));
        }
    }

    /** The ids that the function printed so far, in any of its log streams, before or after the restart. */
    private Set<String> ran() {
        Set<String> ids = new HashSet<>();
        Matcher m = RAN.matcher(logs(dataDir, "burst"));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
