package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link EventQueue} must show. A queue's test extends this class and says how to open a
 * queue on a directory; opening again on the same directory must see the same events. Time is given, never
 * read: every instant derives from {@link #T0}.
 */
public abstract class EventQueueContract {

    protected static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    protected static final Instant LEASE_END = T0.plus(Duration.ofMinutes(20));

    @TempDir
    Path directory;

    private EventQueue queue;

    /** Opens a queue that keeps its data in (or keyed by) {@code directory}. */
    protected abstract EventQueue open(Path directory);

    @BeforeEach
    void openQueue() {
        queue = open(directory);
    }

    @AfterEach
    void closeQueue() {
        queue.close();
    }

    protected EventQueue reopen() {
        queue.close();
        queue = open(directory);
        return queue;
    }

    @Test
    void claimsEnqueuedEventWithEveryField() {
        QueuedEvent event = new QueuedEvent(UUID.randomUUID().toString(), "hello", "prod", bytes("{\"k\":\"ü\"}"),
                Instant.parse("2024-12-31T23:59:00.123456Z"), 1, T0);
        join(queue.enqueue(event));

        assertThat(claim("w1", T0, 10, 10)).containsExactly(event);
    }

    @Test
    void keepsMissingQualifierAndEmptyPayload() {
        QueuedEvent event = QueuedEvent.accepted(id(), "hello", null, new byte[0], T0);
        join(queue.enqueue(event));

        assertThat(claim("w1", T0, 10, 10)).containsExactly(event);
    }

    @Test
    void ignoresSecondEnqueueOfSameRequestId() {
        QueuedEvent event = QueuedEvent.accepted(id(), "hello", null, bytes("first"), T0);
        join(queue.enqueue(event));

        join(queue.enqueue(QueuedEvent.accepted(event.requestId(), "hello", null, bytes("second"), T0)));

        assertThat(claim("w1", T0, 10, 10)).containsExactly(event);
    }

    @Test
    void doesNotClaimEventBeforeItsNextAttempt() {
        QueuedEvent later = new QueuedEvent(id(), "hello", null, bytes("x"), T0, 0, T0.plusSeconds(60));
        join(queue.enqueue(later));

        assertThat(claim("w1", T0.plusSeconds(59), 10, 10)).isEmpty();
        assertThat(claim("w1", T0.plusSeconds(60), 10, 10)).containsExactly(later);
    }

    @Test
    void doesNotClaimLeasedEventAgainBeforeLeaseEnds() {
        enqueue("hello", 1);
        claim("w1", T0, 10, 10);

        assertThat(claim("w2", T0, 10, 10)).isEmpty();
        assertThat(claim("w2", LEASE_END.minusMillis(1), 10, 10)).isEmpty();
    }

    @Test
    void letsAnotherOwnerClaimEventWhoseLeaseExpired() {
        QueuedEvent event = enqueue("hello", 1).getFirst();
        claim("w1", T0, 10, 10);

        assertThat(claim("w2", LEASE_END, 10, 10)).containsExactly(event);
        assertThat(join(queue.complete(event.requestId(), "w1"))).isFalse();
        assertThat(join(queue.complete(event.requestId(), "w2"))).isTrue();
    }

    @Test
    void completesEventSoItIsNeverClaimedAgain() {
        QueuedEvent event = enqueue("hello", 1).getFirst();
        claim("w1", T0, 10, 10);

        assertThat(join(queue.complete(event.requestId(), "w1"))).isTrue();

        assertThat(claim("w1", LEASE_END.plusSeconds(3600), 10, 10)).isEmpty();
        assertThat(join(queue.depths())).isEmpty();
        assertThat(join(queue.complete(event.requestId(), "w1"))).isFalse();
    }

    @Test
    void letsOnlyTheLeaseOwnerComplete() {
        QueuedEvent event = enqueue("hello", 1).getFirst();
        claim("w1", T0, 10, 10);

        assertThat(join(queue.complete(event.requestId(), "w2"))).isFalse();

        assertThat(depth("hello")).isEqualTo(1);
    }

    @Test
    void refusesToCompleteUnclaimedEvent() {
        QueuedEvent event = enqueue("hello", 1).getFirst();

        assertThat(join(queue.complete(event.requestId(), "w1"))).isFalse();

        assertThat(claim("w1", T0, 10, 10)).containsExactly(event);
    }

    @Test
    void reschedulesEventWithNewAttemptsAndClearsLease() {
        QueuedEvent event = enqueue("hello", 1).getFirst();
        claim("w1", T0, 10, 10);
        Instant retryAt = T0.plusSeconds(60);

        assertThat(join(queue.reschedule(event.requestId(), "w1", 1, retryAt))).isTrue();

        assertThat(claim("w2", retryAt.minusMillis(1), 10, 10)).isEmpty();
        assertThat(claim("w2", retryAt, 10, 10)).containsExactly(
                new QueuedEvent(event.requestId(), "hello", null, event.payload(), event.enqueuedAt(), 1, retryAt));
    }

    /** A retry may be due long before the first lease would have ended: the lease is gone, not just stale. */
    @Test
    void makesRescheduledEventClaimableBeforeOldLeaseEnd() {
        QueuedEvent event = enqueue("hello", 1).getFirst();
        claim("w1", T0, 10, 10);

        join(queue.reschedule(event.requestId(), "w1", 0, T0.plusSeconds(1)));

        assertThat(claim("w2", T0.plusSeconds(1), 10, 10)).extracting(QueuedEvent::requestId)
                .containsExactly(event.requestId());
    }

    @Test
    void letsOnlyTheLeaseOwnerReschedule() {
        QueuedEvent event = enqueue("hello", 1).getFirst();
        claim("w1", T0, 10, 10);

        assertThat(join(queue.reschedule(event.requestId(), "w2", 1, T0))).isFalse();
        assertThat(join(queue.reschedule("no-such-request", "w1", 1, T0))).isFalse();

        assertThat(claim("w2", T0, 10, 10)).isEmpty();
    }

    @Test
    void releasesOnlyTheLeasesOfOneOwner() {
        List<QueuedEvent> events = enqueue("hello", 3);
        claim("w1", T0, 2, 2);
        claim("w2", T0, 1, 1);

        assertThat(join(queue.releaseAll("w1"))).isEqualTo(2);

        assertThat(claim("w3", T0, 10, 10)).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(join(queue.releaseAll("nobody"))).isZero();
    }

    @Test
    void claimsOldestFirstWithinFunction() {
        List<QueuedEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(QueuedEvent.accepted(id(), "hello", null, bytes("e" + i), T0.plusSeconds(4 - i)));
        }
        events.forEach(e -> join(queue.enqueue(e)));

        assertThat(claim("w1", T0.plusSeconds(10), 3, 3))
                .containsExactly(events.get(4), events.get(3), events.get(2));
    }

    @Test
    void breaksTiesInEnqueueOrder() {
        List<QueuedEvent> events = enqueue("hello", 20);

        assertThat(claim("w1", T0, 20, 20)).containsExactlyElementsOf(events);
    }

    /** A backlog of one function must not delay another function's event. */
    @Test
    void claimsQuietFunctionsEventDespiteLargeBacklogOfAnother() {
        enqueue("busy", 10_000);
        QueuedEvent quiet = enqueue("quiet", 1).getFirst();

        assertThat(claim("w1", T0, 10, 5)).contains(quiet);
    }

    @Test
    void takesOneEventPerFunctionPerRoundAndAtMostMaxPerFunction() {
        List<QueuedEvent> a = enqueue("a", 5);
        List<QueuedEvent> b = enqueue("b", 2);
        List<QueuedEvent> c = enqueue("c", 5);

        List<QueuedEvent> claimed = claim("w1", T0, 100, 3);

        assertThat(claimed).containsExactlyInAnyOrder(a.get(0), a.get(1), a.get(2), b.get(0), b.get(1), c.get(0),
                c.get(1), c.get(2));
        assertThat(functions(claimed.subList(0, 3))).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void servesEveryFunctionWithinAFewClaimsWhenMoreAreDueThanOneClaimTakes() {
        List<String> names = List.of("f1", "f2", "f3", "f4", "f5");
        names.forEach(name -> enqueue(name, 10));

        List<QueuedEvent> claimed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claimed.addAll(claim("w1", T0, 2, 2));
        }

        assertThat(claimed).hasSize(6);
        assertThat(functions(claimed)).containsAll(names);
    }

    @Test
    void skipsExcludedFunctions() {
        enqueue("full", 3);
        List<QueuedEvent> free = enqueue("free", 1);

        List<QueuedEvent> claimed = join(queue.claim(ClaimRequest.of("w1", T0, LEASE_END, 10, 10)
                .excluding(Set.of("full"))));

        assertThat(claimed).containsExactlyElementsOf(free);
    }

    @Test
    void reportsDepthAndOldestEventPerFunction() {
        join(queue.enqueue(QueuedEvent.accepted(id(), "b", null, bytes("x"), T0.plusSeconds(5))));
        join(queue.enqueue(QueuedEvent.accepted(id(), "b", null, bytes("x"), T0.plusSeconds(2))));
        join(queue.enqueue(QueuedEvent.accepted(id(), "a", "1", bytes("x"), T0.plusSeconds(9))));
        claim("w1", T0.plusSeconds(10), 10, 10);

        assertThat(join(queue.depths())).containsExactly(new QueueDepth("a", 1, T0.plusSeconds(9)),
                new QueueDepth("b", 2, T0.plusSeconds(2)));
    }

    @Test
    void deletesEveryEventOfAFunctionIncludingLeasedOnes() {
        List<QueuedEvent> doomed = enqueue("doomed", 4);
        List<QueuedEvent> kept = enqueue("kept", 2);
        claim("w1", T0, 1, 1);

        assertThat(join(queue.deleteFunction("doomed"))).isEqualTo(4);

        assertThat(join(queue.complete(doomed.getFirst().requestId(), "w1"))).isFalse();
        assertThat(join(queue.depths())).extracting(QueueDepth::functionName).containsExactly("kept");
        assertThat(claim("w2", T0, 10, 10)).containsExactlyElementsOf(kept);
    }

    @Test
    void neverHandsTheSameEventToTwoConcurrentClaimers() {
        List<QueuedEvent> events = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            events.addAll(enqueue(name, 200));
        }
        List<CompletableFuture<List<QueuedEvent>>> claims = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 80; i++) {
                String owner = "w" + i % 4;
                claims.add(CompletableFuture.supplyAsync(() -> claim(owner, T0, 10, 4), executor));
            }
        }
        List<String> claimed = claims.stream().flatMap(c -> c.join().stream()).map(QueuedEvent::requestId).toList();

        assertThat(claimed).doesNotHaveDuplicates().hasSize(600)
                .containsExactlyInAnyOrderElementsOf(events.stream().map(QueuedEvent::requestId).toList());
    }

    @Test
    void keepsAcknowledgedEventsAndTheirStateAcrossCloseAndReopen() {
        List<QueuedEvent> events = enqueue("hello", 5);
        claim("w1", T0, 3, 3);
        join(queue.complete(events.get(0).requestId(), "w1"));
        join(queue.reschedule(events.get(1).requestId(), "w1", 2, T0.plusSeconds(120)));

        EventQueue reopened = reopen();

        assertThat(join(reopened.claim(ClaimRequest.of("w2", T0, LEASE_END, 10, 10))))
                .containsExactly(events.get(3), events.get(4));
        assertThat(join(reopened.complete(events.get(2).requestId(), "w1"))).isTrue();
        assertThat(join(reopened.claim(ClaimRequest.of("w2", T0.plusSeconds(120), LEASE_END, 10, 10))))
                .containsExactly(new QueuedEvent(events.get(1).requestId(), "hello", null, events.get(1).payload(),
                        T0, 2, T0.plusSeconds(120)));
    }

    /** Close is not waited for here: every stage that completed normally must name a durable event. */
    @Test
    void keepsEveryEventWhoseEnqueueCompleted() {
        List<QueuedEvent> events = IntStream.range(0, 2_000)
                .mapToObj(i -> QueuedEvent.accepted(id(), "fn-" + i % 7, null, bytes("event " + i), T0)).toList();
        List<CompletableFuture<Void>> acks = events.stream().map(e -> queue.enqueue(e).toCompletableFuture()).toList();
        acks.get(999).join();
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (acks.get(i).isDone() && !acks.get(i).isCompletedExceptionally()) {
                acknowledged.add(events.get(i).requestId());
            }
        }

        EventQueue reopened = reopen();

        List<String> stored = join(reopened.claim(ClaimRequest.of("w1", T0, LEASE_END, 10_000, 10_000))).stream()
                .map(QueuedEvent::requestId).toList();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(1_000);
        assertThat(stored).containsAll(acknowledged);
    }

    /** Measures, never asserts, the enqueue rate: 20,000 events from 8 threads into a real database. */
    @Test
    void storesEveryEventEnqueuedConcurrentlyFromManyThreads() throws Exception {
        int threads = 8;
        int perThread = 2_500;
        byte[] payload = bytes("{\"order\":12345,\"items\":[\"a\",\"b\",\"c\"],\"note\":\"" + "x".repeat(200) + "\"}");
        List<CompletableFuture<Void>> acks = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String function = "fn-" + t;
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    acks.add(queue.enqueue(QueuedEvent.accepted(id(), function, null, payload, T0))
                            .toCompletableFuture());
                }
            }));
        }
        for (Thread producer : producers) {
            producer.join();
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s: %d durable enqueues from %d threads in %.2f s = %.0f events/s%n",
                getClass().getSimpleName(), threads * perThread, threads, seconds, threads * perThread / seconds);

        List<QueueDepth> depths = join(queue.depths());
        assertThat(depths).hasSize(threads).allSatisfy(d -> assertThat(d.events()).isEqualTo(perThread));
    }

    // --- helpers

    protected static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    protected List<QueuedEvent> claim(String owner, Instant now, int maxEvents, int maxPerFunction) {
        return join(queue.claim(ClaimRequest.of(owner, now, LEASE_END.plus(Duration.between(T0, now)), maxEvents,
                maxPerFunction)));
    }

    /** Enqueues {@code count} events of {@code function}, all accepted at {@link #T0}, and waits for them. */
    protected List<QueuedEvent> enqueue(String function, int count) {
        List<QueuedEvent> events = IntStream.range(0, count)
                .mapToObj(i -> QueuedEvent.accepted(id(), function, null, bytes(function + " " + i), T0)).toList();
        CompletableFuture.allOf(events.stream().map(e -> queue.enqueue(e).toCompletableFuture())
                .toArray(CompletableFuture[]::new)).join();
        return events;
    }

    private long depth(String function) {
        return join(queue.depths()).stream().filter(d -> d.functionName().equals(function))
                .mapToLong(QueueDepth::events).sum();
    }

    private static List<String> functions(List<QueuedEvent> events) {
        return events.stream().map(QueuedEvent::functionName).toList();
    }

    protected static String id() {
        return UUID.randomUUID().toString();
    }

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
