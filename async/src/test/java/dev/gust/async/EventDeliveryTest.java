package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.Invoker;
import dev.gust.core.messaging.DestinationNotFoundException;
import dev.gust.core.messaging.MessageAttribute;
import dev.gust.core.messaging.OutgoingMessage;
import dev.gust.core.messaging.QueueMessages;
import dev.gust.core.messaging.TopicMessage;
import dev.gust.core.messaging.TopicPublisher;
import dev.gust.store.ClaimRequest;
import dev.gust.store.QueuedEvent;
import dev.gust.store.SqliteEventQueue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda's decisions after each attempt, against the real SQLite queue, with time injected. The invoker is
 * scripted: the engine's own behaviour is covered by the server's integration tests.
 */
class EventDeliveryTest {

    private static final String OWNER = "node-1";
    private static final Account ACCOUNT = new Account("000000000000", "us-east-1");
    /** The function events are queued for, as the queue names it. */
    private static final String F = ACCOUNT.functionArn("f");
    private static final String FAILURE_ARN = "arn:aws:lambda:us-east-1:000000000000:function:failures";
    private static final String SUCCESS_ARN = "arn:aws:lambda:us-east-1:000000000000:function:successes";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final Instant start = Instant.parse("2026-11-23T10:00:00Z");
    private Instant now = start;
    private final InstantSource clock = () -> now;
    private final List<InvocationRequest> invoked = new ArrayList<>();
    private final List<InvocationRequest> records = new ArrayList<>();
    private final DeliveryCounters counters = new DeliveryCounters();
    private SqliteEventQueue queue;
    private EventSettings eventSettings = new EventSettings(2, Duration.ofHours(6), Optional.of(SUCCESS_ARN),
            Optional.of(FAILURE_ARN));

    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:records";
    private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:000000000000:records";
    private final List<OutgoingMessage> sent = new ArrayList<>();
    private final List<TopicMessage> published = new ArrayList<>();
    private final List<String> deadLetterLookups = new ArrayList<>();
    private Optional<String> deadLetterTarget = Optional.empty();

    private Function<InvocationRequest, CompletionStage<InvocationResult>> outcome;
    private boolean zeroReserved;
    private EventDelivery delivery;

    @BeforeEach
    void open() {
        queue = new SqliteEventQueue(dataDir);
        Invoker invoker = scriptedInvoker();
        EventInvoker functions = request -> {
            records.add(request);
            return CompletableFuture.completedFuture(null);
        };
        QueueMessages queues = (arn, message) -> {
            if (!arn.equals(QUEUE_ARN)) {
                return CompletableFuture.failedFuture(new DestinationNotFoundException(arn));
            }
            sent.add(message);
            return CompletableFuture.completedFuture("m-" + sent.size());
        };
        TopicPublisher topics = (arn, message) -> {
            if (!arn.equals(TOPIC_ARN)) {
                return CompletableFuture.failedFuture(new DestinationNotFoundException(arn));
            }
            published.add(message);
            return CompletableFuture.completedFuture("t-" + published.size());
        };
        delivery = new EventDelivery(invoker, queue, (name, qualifier) -> eventSettings, AsyncSettings.DEFAULTS,
                clock, OWNER, counters, new Destinations(functions, queues, topics, counters),
                (function, qualifier) -> {
                    deadLetterLookups.add(qualifier);
                    return deadLetterTarget;
                }, Runnable::run);
    }

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void aSuccessIsRemovedAndRecordedToOnSuccess() throws Exception {
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(result("{\"ok\":true}", null)));

        assertThat(invoked).singleElement().satisfies(r -> assertThat(r.requestId()).isEqualTo(event.requestId()));
        assertThat(stored()).isEmpty();
        JsonNode record = onlyRecord(SUCCESS_ARN);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.at("/requestContext/functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST");
        assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree("{\"n\":1}"));
        assertThat(record.get("responseContext")).isEqualTo(JSON.readTree(
                "{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}"));
        assertThat(record.get("responsePayload")).isEqualTo(JSON.readTree("{\"ok\":true}"));
        assertThat(record.get("timestamp").asText()).isEqualTo("2026-11-23T10:00:00.000Z");
        assertThat(counters.snapshot().get(F)).containsEntry("delivered", 1L);
    }

    @Test
    void aFunctionErrorIsRetriedAfterTheConfiguredDelayWithOneMoreAttempt() {
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(result("{\"errorType\":\"E\"}", "Unhandled")));

        assertThat(stored()).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.nextAttemptAt()).isEqualTo(start.plus(AsyncSettings.DEFAULTS.retryDelay(1)));
        });
        assertThat(records).isEmpty();
        assertThat(counters.snapshot().get(F)).containsEntry("retried", 1L);
    }

    @Test
    void theThirdFunctionErrorExhaustsTheRetriesAndGoesToOnFailure() throws Exception {
        QueuedEvent event = claimedEvent(2);

        attempt(event, request -> CompletableFuture.completedFuture(result("{\"errorType\":\"E\"}", "Unhandled")));

        assertThat(stored()).isEmpty();
        JsonNode record = onlyRecord(FAILURE_ARN);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(counters.snapshot().get(F)).containsEntry("dropped", 1L);
    }

    @Test
    void anErrorWhoseRetryWouldComeTooLateIsDiscardedAsEventAgeExceeded() throws Exception {
        eventSettings = new EventSettings(2, Duration.ofSeconds(60), Optional.empty(), Optional.of(FAILURE_ARN));
        QueuedEvent event = claimedEvent();
        now = start.plusSeconds(1); // the retry, a minute later, would find the event 61 s old

        attempt(event, request -> CompletableFuture.completedFuture(result("{\"errorType\":\"E\"}", "Unhandled")));

        JsonNode record = onlyRecord(FAILURE_ARN);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(stored()).isEmpty();
    }

    @Test
    void anEventTooOldBeforeItsAttemptIsDiscardedWithoutRunning() throws Exception {
        eventSettings = new EventSettings(2, Duration.ofSeconds(60), Optional.empty(), Optional.of(FAILURE_ARN));
        QueuedEvent event = claimedEvent();
        now = start.plusSeconds(61);

        attempt(event, request -> CompletableFuture.completedFuture(result("{}", null)));

        assertThat(invoked).isEmpty();
        JsonNode record = onlyRecord(FAILURE_ARN);
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isZero();
        assertThat(record.has("responseContext")).isFalse();
        assertThat(counters.snapshot().get(F)).containsEntry("expired", 1L);
    }

    @Test
    void aThrottleBacksOffWithoutCountingAnAttemptAndDoublesEachTime() {
        QueuedEvent event = claimedEvent();
        Function<InvocationRequest, CompletionStage<InvocationResult>> throttled = request ->
                CompletableFuture.failedFuture(LambdaException.tooManyRequests("Rate Exceeded.",
                        "ConcurrentInvocationLimitExceeded"));

        attempt(event, throttled);
        assertThat(stored()).singleElement().satisfies(e -> {
            assertThat(e.attempts()).isZero();
            assertThat(e.nextAttemptAt()).isEqualTo(start.plusSeconds(1));
        });

        now = start.plusSeconds(1);
        attempt(claim().getFirst(), throttled);
        assertThat(stored().getFirst().nextAttemptAt()).isEqualTo(start.plusSeconds(3));
        assertThat(records).isEmpty();
    }

    @Test
    void aThrottleOfAFunctionWithZeroReservedConcurrencyDiscardsTheEventAtOnce() throws Exception {
        zeroReserved = true;
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.failedFuture(LambdaException.tooManyRequests("Rate Exceeded.",
                "ReservedFunctionConcurrentInvocationLimitExceeded")));

        assertThat(stored()).isEmpty();
        JsonNode record = onlyRecord(FAILURE_ARN);
        // as AWS recorded it (test_lambda.py::TestLambdaConcurrency::test_reserved_concurrency, "msg")
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("ZeroReservedConcurrency");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isZero();
        assertThat(record.at("/requestContext/functionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST");
        assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree("{\"n\":1}"));
        assertThat(record.has("responseContext")).isFalse();
        assertThat(record.has("responsePayload")).isFalse();
        assertThat(counters.snapshot().get(F)).containsEntry("dropped", 1L);
    }

    @Test
    void anEventOfADeletedFunctionIsDropped() {
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.failedFuture(LambdaException.functionNotFound("arn")));

        assertThat(stored()).isEmpty();
        assertThat(records).isEmpty();
        assertThat(counters.snapshot().get(F)).containsEntry("dropped", 1L);
    }

    @Test
    void aFailureRecordGoesToAnSqsQueueAsTheMessageBody() throws Exception {
        eventSettings = new EventSettings(0, Duration.ofHours(6), Optional.empty(), Optional.of(QUEUE_ARN));
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(
                result("{\"errorMessage\":\"boom\",\"errorType\":\"E\"}", "Unhandled")));

        assertThat(stored()).isEmpty();
        OutgoingMessage message = sent.getFirst();
        assertThat(sent).hasSize(1);
        assertThat(message.attributes()).isEmpty();
        assertThat(message.messageGroupId()).isNull();
        JsonNode record = JSON.readTree(message.body());
        assertThat(record.at("/requestContext/requestId").asText()).isEqualTo("req-1");
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(record.get("responseContext")).isEqualTo(JSON.readTree(
                "{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}"));
        assertThat(record.at("/responsePayload/errorMessage").asText()).isEqualTo("boom");
    }

    @Test
    void aSuccessRecordIsPublishedToAnSnsTopic() throws Exception {
        eventSettings = new EventSettings(2, Duration.ofHours(6), Optional.of(TOPIC_ARN), Optional.empty());
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(result("{\"ok\":true}", null)));

        assertThat(published).singleElement().satisfies(message -> {
            assertThat(message.subject()).isNull();
            assertThat(message.attributes()).isEmpty();
            JsonNode record = JSON.readTree(message.message());
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("Success");
            assertThat(record.get("responsePayload")).isEqualTo(JSON.readTree("{\"ok\":true}"));
        });
        assertThat(stored()).isEmpty();
    }

    @Test
    void aRecordForAMissingQueueIsLostWithACountAndTheEventStillEnds() {
        eventSettings = new EventSettings(0, Duration.ofHours(6), Optional.empty(),
                Optional.of("arn:aws:sqs:us-east-1:000000000000:gone"));
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(result("{}", "Unhandled")));

        assertThat(stored()).isEmpty();
        assertThat(sent).isEmpty();
        assertThat(counters.snapshot().get(F)).containsEntry("destination_delivery_failures", 1L)
                .containsEntry("dropped", 1L);
    }

    @Test
    void aDiscardedEventGoesToTheDeadLetterQueueWithLambdasAttributes() {
        deadLetterTarget = Optional.of(QUEUE_ARN);
        eventSettings = new EventSettings(0, Duration.ofHours(6), Optional.empty(), Optional.empty());
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(
                result("{\"errorMessage\":\"Test exception (this is intentional)\",\"errorType\":\"Exception\"}",
                        "Unhandled")));

        assertThat(stored()).isEmpty();
        assertThat(sent).singleElement().satisfies(message -> {
            assertThat(message.body()).isEqualTo("{\"n\":1}");
            // as AWS recorded it (test_lambda_destinations.py::TestLambdaDLQ::test_dead_letter_queue)
            assertThat(message.attributes()).containsOnlyKeys("RequestID", "ErrorCode", "ErrorMessage");
            assertAttribute(message.attributes().get("RequestID"), "String", "req-1");
            assertAttribute(message.attributes().get("ErrorCode"), "Number", "200");
            assertAttribute(message.attributes().get("ErrorMessage"), "String",
                    "Test exception (this is intentional)");
        });
        assertThat(deadLetterLookups).containsExactly("$LATEST");
    }

    @Test
    void aDeadLetterTopicGetsTheEventAndTheThrottleThatDiscardedIt() {
        deadLetterTarget = Optional.of(TOPIC_ARN);
        zeroReserved = true;
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.failedFuture(LambdaException.tooManyRequests("Rate Exceeded.",
                "ReservedFunctionConcurrentInvocationLimitExceeded")));

        assertThat(published).singleElement().satisfies(message -> {
            assertThat(message.message()).isEqualTo("{\"n\":1}");
            assertAttribute(message.attributes().get("ErrorCode"), "Number", "429");
            assertAttribute(message.attributes().get("ErrorMessage"), "String", "Rate Exceeded.");
        });
        assertThat(deadLetterLookups).singleElement().isNull(); // never ran: the qualifier the event named
    }

    @Test
    void anEventThatSucceedsNeverReachesTheDeadLetterQueue() {
        deadLetterTarget = Optional.of(QUEUE_ARN);
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(result("{}", null)));

        assertThat(sent).isEmpty();
        assertThat(deadLetterLookups).isEmpty();
    }

    @Test
    void bothTheOnFailureDestinationAndTheDeadLetterQueueGetTheirMessage() throws Exception {
        deadLetterTarget = Optional.of(TOPIC_ARN);
        eventSettings = new EventSettings(0, Duration.ofHours(6), Optional.empty(), Optional.of(QUEUE_ARN));
        QueuedEvent event = claimedEvent();

        attempt(event, request -> CompletableFuture.completedFuture(result("{\"errorMessage\":\"x\"}", "Unhandled")));

        assertThat(JSON.readTree(sent.getFirst().body()).at("/requestContext/condition").asText())
                .isEqualTo("RetriesExhausted");
        assertThat(published).singleElement().satisfies(m -> assertThat(m.message()).isEqualTo("{\"n\":1}"));
    }

    @Test
    void aMissingDeadLetterQueueLosesTheMessageWithACountAndTheEventStillEnds() {
        deadLetterTarget = Optional.of("arn:aws:sqs:us-east-1:000000000000:gone");
        QueuedEvent event = claimedEvent(2);

        attempt(event, request -> CompletableFuture.completedFuture(result("{}", "Unhandled")));

        assertThat(stored()).isEmpty();
        assertThat(counters.snapshot().get(F)).containsEntry("dead_letter_errors", 1L);
    }

    @Test
    void aDeadLetterLookupThatFailsKeepsTheEventQueued() {
        eventSettings = new EventSettings(2, Duration.ofHours(6), Optional.empty(), Optional.empty());
        QueuedEvent event = claimedEvent(2);
        delivery = new EventDelivery(scriptedInvoker(), queue, (name, qualifier) -> eventSettings,
                AsyncSettings.DEFAULTS, clock, OWNER, counters, new Destinations(r -> null, null, null, counters),
                (function, qualifier) -> {
                    throw new IllegalStateException("storage down");
                }, Runnable::run);

        attempt(event, request -> CompletableFuture.completedFuture(result("{}", "Unhandled")));

        assertThat(stored()).singleElement().satisfies(e -> assertThat(e.requestId()).isEqualTo("req-1"));
    }

    private static void assertAttribute(MessageAttribute attribute, String dataType, String value) {
        assertThat(attribute.dataType()).isEqualTo(dataType);
        assertThat(attribute.stringValue()).isEqualTo(value);
        assertThat(attribute.binaryValue()).isNull();
    }

    /** Runs what {@link #outcome} says, and records each request. */
    private Invoker scriptedInvoker() {
        return new Invoker() {
            @Override
            public CompletionStage<InvocationResult> invoke(InvocationRequest request) {
                invoked.add(request);
                return outcome.apply(request);
            }

            @Override
            public CompletionStage<Void> dryRun(Account account, String functionName, Optional<String> qualifier) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public boolean reservesZeroConcurrency(Account account, String functionName) {
                return zeroReserved;
            }
        };
    }

    private void attempt(QueuedEvent event, Function<InvocationRequest, CompletionStage<InvocationResult>> outcome) {
        this.outcome = outcome;
        delivery.attempt(event).toCompletableFuture().join();
    }

    private QueuedEvent claimedEvent() {
        return claimedEvent(0);
    }

    private QueuedEvent claimedEvent(int attempts) {
        QueuedEvent event = new QueuedEvent("req-1", F, null, "{\"n\":1}".getBytes(StandardCharsets.UTF_8), start,
                attempts, start);
        queue.enqueue(event).toCompletableFuture().join();
        return claim().getFirst();
    }

    private List<QueuedEvent> claim() {
        return queue.claim(ClaimRequest.of(OWNER, now, now.plus(Duration.ofMinutes(16)), 10, 10))
                .toCompletableFuture().join();
    }

    /** Every stored event, claimable far in the future (and so released again afterwards). */
    private List<QueuedEvent> stored() {
        Instant later = start.plus(Duration.ofDays(1));
        List<QueuedEvent> all = queue.claim(ClaimRequest.of("inspector", later, later.plusSeconds(1), 100, 100))
                .toCompletableFuture().join();
        queue.releaseAll("inspector").toCompletableFuture().join();
        return all;
    }

    private JsonNode onlyRecord(String destinationArn) throws Exception {
        assertThat(records).hasSize(1);
        InvocationRequest record = records.getFirst();
        assertThat(record.functionName()).isEqualTo(destinationArn.substring(destinationArn.lastIndexOf(':') + 1));
        assertThat(record.requestId()).isNotEqualTo("req-1");
        return JSON.readTree(record.payload());
    }

    private static InvocationResult result(String payload, String functionError) {
        return new InvocationResult(payload.getBytes(StandardCharsets.UTF_8), functionError, "$LATEST", null);
    }
}
