package dev.gust.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.esm.EventSourceMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventSourcePollersTest {

    private static final Account ACCOUNT = new Account("000000000000", "us-east-1");
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:work";
    private static final String FUNCTION = ACCOUNT.functionArn("worker");

    private final FakeSqs sqs = new FakeSqs(300);
    private final FakeInvoker invoker = new FakeInvoker();
    private final FakeStates states = new FakeStates();
    private final EventSourcePollers pollers = new EventSourcePollers(sqs, invoker, states,
            System::currentTimeMillis);

    @AfterEach
    void close() {
        pollers.close();
    }

    private static EventSourceMapping mapping(String state, int batchSize, int window, List<String> responseTypes,
            List<String> filters) {
        return new EventSourceMapping("u-1", ACCOUNT, QUEUE, FUNCTION, state, "USER_INITIATED", batchSize, window,
                null, responseTypes, filters, Instant.now(), EventSourceMapping.NO_RECORDS_PROCESSED);
    }

    private static EventSourceMapping creating(int batchSize) {
        return mapping(EventSourceMapping.STATE_CREATING, batchSize, 0, List.of(), List.of());
    }

    private static Set<String> messageIds(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        for (JsonNode event : events) {
            event.get("Records").forEach(record -> ids.add(record.get("messageId").asText()));
        }
        return ids;
    }

    @Test
    void deliversEveryMessageAndDeletesItAfterTheFunctionSucceeds() {
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            sent.add(sqs.send("message " + i));
        }
        pollers.put(creating(10));

        await().atMost(Duration.ofSeconds(20)).until(() -> sqs.remaining() == 0);
        assertThat(new HashSet<>(sqs.deleted())).isEqualTo(sent);
        assertThat(messageIds(invoker.events())).isEqualTo(sent);
        assertThat(invoker.events()).allSatisfy(event -> assertThat(event.get("Records").size()).isBetween(1, 10));
        assertThat(states.settled()).containsExactly("u-1:Creating");
        assertThat(states.processed()).containsExactly("OK");
    }

    @Test
    void leavesTheBatchInTheQueueWhenTheFunctionFails() {
        String id = sqs.send("poison");
        invoker.function(event -> FakeInvoker.unhandled());
        pollers.put(creating(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.receiveCount(id) >= 3);
        assertThat(sqs.deleted()).isEmpty();
        assertThat(sqs.remaining()).isEqualTo(1);
    }

    @Test
    void deletesOnlyTheMessagesTheFunctionDidNotReportAsFailures() {
        String good = sqs.send("good");
        String bad = sqs.send("bad");
        invoker.function(event -> {
            List<String> failures = new ArrayList<>();
            event.get("Records").forEach(record -> {
                if (record.get("body").asText().equals("bad")) {
                    failures.add("{\"itemIdentifier\":\"" + record.get("messageId").asText() + "\"}");
                }
            });
            return FakeInvoker.ok("{\"batchItemFailures\":[" + String.join(",", failures) + "]}");
        });
        pollers.put(mapping(EventSourceMapping.STATE_CREATING, 10, 0,
                List.of(EventSourceMapping.REPORT_BATCH_ITEM_FAILURES), List.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.receiveCount(bad) >= 2);
        assertThat(sqs.deleted()).containsExactly(good);
    }

    @Test
    void deletesFilteredOutMessagesWithoutInvokingTheFunction() {
        String wanted = sqs.send("{\"status\":\"done\"}");
        String other = sqs.send("{\"status\":\"pending\"}");
        String plain = sqs.send("not json");
        pollers.put(mapping(EventSourceMapping.STATE_CREATING, 10, 0, List.of(),
                List.of("{\"body\":{\"status\":[\"done\"]}}")));

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.remaining() == 0);
        assertThat(sqs.deleted()).containsExactlyInAnyOrder(wanted, other, plain);
        assertThat(messageIds(invoker.events())).containsExactly(wanted);
    }

    @Test
    void leavesAThrottledBatchToComeBackAfterTheVisibilityTimeout() {
        String id = sqs.send("later");
        AtomicInteger calls = new AtomicInteger();
        invoker.function(event -> calls.incrementAndGet() <= 2
                ? CompletableFuture.failedFuture(LambdaException.tooManyRequests("Rate Exceeded.",
                        "ReservedFunctionConcurrentInvocationLimitExceeded"))
                : FakeInvoker.ok("null"));
        pollers.put(creating(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.deleted().contains(id));
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void batchesWithinTheWindowUpToTheBatchSize() {
        for (int i = 0; i < 25; i++) {
            sqs.send("m" + i);
        }
        pollers.put(mapping(EventSourceMapping.STATE_CREATING, 25, 2, List.of(), List.of()));

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.remaining() == 0);
        assertThat(invoker.events()).hasSize(1);
        assertThat(invoker.events().getFirst().get("Records").size()).isEqualTo(25);
    }

    @Test
    void keepsOrderWithinAMessageGroupOfAFifoQueue() {
        Map<String, List<String>> sentByGroup = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            String group = "g" + (i % 3);
            sentByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(sqs.send(group + "-" + i, group));
        }
        pollers.put(creating(4));

        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.remaining() == 0);
        Map<String, List<String>> deliveredByGroup = new HashMap<>();
        for (JsonNode event : invoker.events()) {
            event.get("Records").forEach(record -> deliveredByGroup.computeIfAbsent(
                    record.get("attributes").get("MessageGroupId").asText(), g -> new ArrayList<>())
                    .add(record.get("messageId").asText()));
        }
        assertThat(deliveredByGroup).isEqualTo(sentByGroup);
    }

    @Test
    void scalesTheLoopsUpToTheMaximumConcurrency() {
        for (int i = 0; i < 200; i++) {
            sqs.send("m" + i);
        }
        invoker.function(event -> CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(30, java.util.concurrent.TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> FakeInvoker.ok("null")));
        pollers.put(new EventSourceMapping("u-1", ACCOUNT, QUEUE, FUNCTION, EventSourceMapping.STATE_CREATING,
                "USER_INITIATED", 1, 0, 3, List.of(), List.of(), Instant.now(), "No records processed"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sqs.remaining() == 0);
        assertThat(invoker.mostRunning()).isEqualTo(3);
    }

    @Test
    void stopsDeliveringWhenDisabledAndSettlesTheTransition() {
        pollers.put(creating(10));
        sqs.send("first");
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.remaining() == 0);

        pollers.put(mapping(EventSourceMapping.STATE_DISABLING, 10, 0, List.of(), List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> states.settled().contains("u-1:Disabling"));
        assertThat(sqs.closed()).isTrue();
        assertThat(pollers.running()).isZero();
    }

    @Test
    void resumesDeliveriesWhenReEnabled() {
        pollers.put(mapping(EventSourceMapping.STATE_DISABLED, 10, 0, List.of(), List.of()));
        String id = sqs.send("waiting");
        assertThat(pollers.running()).isZero();

        pollers.put(mapping(EventSourceMapping.STATE_ENABLING, 10, 0, List.of(), List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.deleted().contains(id));
        assertThat(states.settled()).containsExactly("u-1:Enabling");
    }

    @Test
    void reportsAMissingFunctionLeavesItsMessagesAndResumesWhenItIsBack() {
        invoker.exists(false);
        String id = sqs.send("for later");
        pollers.put(creating(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> states.processed().contains(MappingPoller.FUNCTION_NOT_FOUND));
        assertThat(sqs.deleted()).isEmpty();

        invoker.exists(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.deleted().contains(id));
        assertThat(states.processed()).containsExactly(MappingPoller.FUNCTION_NOT_FOUND, "OK");
    }

    @Test
    void reportsAMissingQueueAndStartsWhenItExists() {
        sqs.exists(false);
        String id = sqs.send("queued");
        pollers.put(creating(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> !states.processed().isEmpty());
        assertThat(states.processed()).containsExactly("PROBLEM: The specified queue does not exist.");

        sqs.exists(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> sqs.deleted().contains(id));
    }
}
