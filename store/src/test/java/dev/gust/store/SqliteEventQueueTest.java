package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventQueueTest extends EventQueueContract {

    @Override
    protected EventQueue open(Path directory) {
        return new SqliteEventQueue(directory);
    }

    @Test
    void finishesStartedEnqueuesWhenClosed(@TempDir Path dataDir) {
        List<CompletableFuture<Void>> acks;
        try (SqliteEventQueue queue = new SqliteEventQueue(dataDir)) {
            acks = IntStream.range(0, 500)
                    .mapToObj(i -> queue.enqueue(QueuedEvent.accepted(id(), "fn", null, bytes("e"), T0))
                            .toCompletableFuture())
                    .toList();
        }

        assertThat(acks).allSatisfy(ack -> assertThat(ack).isCompleted());
        try (SqliteEventQueue reopened = new SqliteEventQueue(dataDir)) {
            assertThat(join(reopened.depths())).containsExactly(new QueueDepth("fn", 500, T0));
        }
    }

    @Test
    void refusesUseAfterClose(@TempDir Path dataDir) {
        SqliteEventQueue closed = new SqliteEventQueue(dataDir);
        closed.close();
        closed.close();

        assertThatThrownBy(() -> join(closed.enqueue(QueuedEvent.accepted(id(), "fn", null, bytes("e"), T0))))
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void releasesEveryLeaseWhoeverHoldsIt(@TempDir Path dataDir) {
        try (SqliteEventQueue queue = new SqliteEventQueue(dataDir)) {
            for (String function : List.of("a", "b")) {
                join(queue.enqueue(QueuedEvent.accepted(id(), function, null, bytes("e"), T0)));
            }
            join(queue.claim(ClaimRequest.of("w1", T0, LEASE_END, 1, 1)));
            join(queue.claim(ClaimRequest.of("w2", T0, LEASE_END, 1, 1)));

            assertThat(join(queue.releaseEveryLease())).isEqualTo(2);

            assertThat(join(queue.claim(ClaimRequest.of("w3", T0, LEASE_END, 10, 10)))).hasSize(2);
        }
    }

    /** What keeps a claim cheap under a backlog: an index range scan in claim order, no sort of all due rows. */
    @Test
    void findsDueEventsThroughIndexWithoutSorting(@TempDir Path dataDir) throws Exception {
        new SqliteEventQueue(dataDir).close();

        try (Connection c = SqliteDatabase.open(dataDir.resolve("gust.db"));
                PreparedStatement s = c.prepareStatement("EXPLAIN QUERY PLAN SELECT seq FROM event_queue "
                        + "WHERE function_name = ? AND next_attempt_at <= ? AND (lease_until IS NULL OR "
                        + "lease_until <= ?) ORDER BY next_attempt_at, seq LIMIT ?")) {
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString("detail")).append('\n');
                }
            }
            assertThat(plan.toString()).contains("USING INDEX event_queue_due").doesNotContain("TEMP B-TREE");
        }
    }

    /**
     * kill -9 at an arbitrary moment of continuous enqueuing: every request id the killed process saw
     * acknowledged is stored.
     */
    @Test
    void keepsEveryAcknowledgedEventWhenTheProcessIsKilled(@TempDir Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), EnqueueUntilKilled.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> acknowledged = new ArrayList<>();
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> readLines(process, acknowledged, enough));
        try {
            assertThat(enough.await(5, TimeUnit.MINUTES)).as("3000 acknowledgements").isTrue();
        } finally {
            process.destroyForcibly(); // SIGKILL
            process.waitFor();
            reader.join();
        }

        Set<String> stored = new HashSet<>();
        try (SqliteEventQueue reopened = new SqliteEventQueue(dataDir)) {
            for (List<QueuedEvent> claimed = claimAll(reopened); !claimed.isEmpty(); claimed = claimAll(reopened)) {
                claimed.forEach(e -> stored.add(e.requestId()));
            }
        }
        List<String> whole = acknowledged.stream().filter(line -> line.length() == 36).toList(); // not cut by kill
        System.out.printf("%s: killed after %d acknowledged enqueues; %d events stored%n",
                getClass().getSimpleName(), whole.size(), stored.size());
        assertThat(whole).hasSizeGreaterThanOrEqualTo(3_000);
        assertThat(stored).containsAll(whole);
    }

    private static List<QueuedEvent> claimAll(SqliteEventQueue queue) {
        return join(queue.claim(ClaimRequest.of("check", T0.plusSeconds(365L * 24 * 3600 * 100),
                T0.plusSeconds(365L * 24 * 3600 * 101), 10_000, 10_000)));
    }

    private static void readLines(Process process, List<String> lines, CountDownLatch enough) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                if (lines.size() >= 3_000) {
                    enough.countDown();
                }
            }
        } catch (IOException e) {
            // the process died; the lines read so far stand
        }
    }
}
