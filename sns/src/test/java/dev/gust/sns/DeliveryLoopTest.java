package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.messaging.QueueMessages;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryLoopTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:inbox";
    private static final String DLQ = "arn:aws:sqs:us-east-1:000000000000:dead";

    @TempDir
    Path dir;
    private SnsActionsHarness sns;
    private DeliveryLoop loop;
    /** What the fake SQS received, by queue ARN and body. */
    private final List<String> sent = new CopyOnWriteArrayList<>();
    /** How many more sends to {@code inbox} fail (retryably); never those of g2 and g3. */
    private final AtomicInteger failing = new AtomicInteger();
    private QueueMessages queues;
    private Envelopes envelopes;

    @BeforeEach
    void open() {
        sns = new SnsActionsHarness(dir, InstantSource.system());
        queues = (arn, message) -> {
            if (arn.startsWith(QUEUE) && !message.body().equals("g2") && !message.body().equals("g3")
                    && failing.getAndDecrement() > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("queue unavailable"));
            }
            sent.add(arn + " " + message.body());
            return CompletableFuture.completedFuture("id");
        };
        envelopes = new Envelopes(MessageSigner.open(dir), () -> "http://127.0.0.1:1", arn -> "1");
        Deliverer refusing = (subscription, n) -> {
            throw DeliveryFailure.permanent("no such function");
        };
        loop = new DeliveryLoop(sns.store, sns.registry, Map.of("sqs", new QueueDeliverer(queues, envelopes),
                "lambda", refusing), queues, envelopes, InstantSource.system(), 8);
        loop.start();
    }

    @AfterEach
    void close() {
        loop.close();
        sns.close();
    }

    private void awaitEmptyOutbox() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sns.store.nextDue() != Long.MAX_VALUE || loop.inFlight() > 0) {
            assertThat(System.nanoTime()).as("the outbox empties").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aRetryableFailureIsRetriedUntilTheMessageIsDelivered() throws Exception {
        sns.call("CreateTopic", "Name", "orders");
        sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "sqs", "Endpoint", QUEUE, "Attributes.entry.1.key",
                "RawMessageDelivery", "Attributes.entry.1.value", "true");
        failing.set(4); // three immediate retries fail too; the fourth retry comes a second later

        sns.call("Publish", "TopicArn", TOPIC, "Message", "eventually");
        loop.wake();

        awaitEmptyOutbox();
        assertThat(sent).containsExactly(QUEUE + " eventually");
    }

    @Test
    void aFifoTopicsGroupWaitsForItsHeadThroughItsRetries() throws Exception {
        String topic = SnsActionsHarness.element(sns.call("CreateTopic", "Name", "jobs.fifo", "Attributes.entry.1.key",
                "FifoTopic", "Attributes.entry.1.value", "true", "Attributes.entry.2.key", "ContentBasedDeduplication",
                "Attributes.entry.2.value", "true"), "TopicArn");
        sns.call("Subscribe", "TopicArn", topic, "Protocol", "sqs", "Endpoint", QUEUE + ".fifo",
                "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true");
        loop.close();
        for (String message : new String[] {"g1", "g2", "g3"}) {
            sns.call("Publish", "TopicArn", topic, "Message", message, "MessageGroupId", "g");
        }
        sns.call("Publish", "TopicArn", topic, "Message", "other", "MessageGroupId", "h");
        failing.set(4); // g1's first attempt and its three immediate retries fail; it is due again a second later

        loop = new DeliveryLoop(sns.store, sns.registry, Map.of("sqs", new QueueDeliverer(queues, envelopes)), queues,
                envelopes, InstantSource.system(), 8);
        loop.start();

        awaitEmptyOutbox();
        assertThat(sent.stream().filter(m -> m.contains(" g")).toList()).containsExactly(QUEUE + ".fifo g1",
                QUEUE + ".fifo g2", QUEUE + ".fifo g3");
        assertThat(sent).contains(QUEUE + ".fifo other");
    }

    @Test
    void aPermanentFailureGoesToTheDeadLetterQueueOnceAndLeavesTheOutbox() throws Exception {
        sns.call("CreateTopic", "Name", "orders");
        sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "lambda", "Endpoint",
                "arn:aws:lambda:us-east-1:000000000000:function:gone", "Attributes.entry.1.key", "RedrivePolicy",
                "Attributes.entry.1.value", "{\"deadLetterTargetArn\":\"" + DLQ + "\"}");

        sns.call("Publish", "TopicArn", TOPIC, "Message", "undeliverable");
        loop.wake();

        awaitEmptyOutbox();
        assertThat(sent).hasSize(1);
        assertThat(sent.getFirst()).startsWith(DLQ + " {\n  \"Type\" : \"Notification\"")
                .contains("\"Message\" : \"undeliverable\"");
    }

    @Test
    void deliveriesOfAnUnsubscribedSubscriptionAreDropped() throws Exception {
        sns.call("CreateTopic", "Name", "orders");
        String arn = SnsActionsHarness.element(sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "sqs",
                "Endpoint", QUEUE), "SubscriptionArn");
        loop.close();
        sns.call("Publish", "TopicArn", TOPIC, "Message", "never");
        assertThat(sns.store.due(Instant.now().toEpochMilli(), Set.of(), 10)).hasSize(1);

        sns.call("Unsubscribe", "SubscriptionArn", arn);

        assertThat(sns.store.nextDue()).isEqualTo(Long.MAX_VALUE);
        assertThat(sent).isEmpty();
    }

    @Test
    void aMessageGoesOnlyToTheConfirmedSubscriptionsItsFiltersLetThrough() throws Exception {
        sns.call("CreateTopic", "Name", "orders");
        sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "sqs", "Endpoint", QUEUE, "Attributes.entry.1.key",
                "FilterPolicy", "Attributes.entry.1.value", "{\"color\":[\"red\"]}", "Attributes.entry.2.key",
                "RawMessageDelivery", "Attributes.entry.2.value", "true");
        sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "http", "Endpoint", "http://127.0.0.1:1/pending");
        loop.close(); // the pending subscription's confirmation stays in the outbox
        long confirmations = sns.store.due(Long.MAX_VALUE, Set.of(), 10).size();

        sns.call("Publish", "TopicArn", TOPIC, "Message", "red", "MessageAttributes.entry.1.Name", "color",
                "MessageAttributes.entry.1.Value.DataType", "String", "MessageAttributes.entry.1.Value.StringValue",
                "red");
        sns.call("Publish", "TopicArn", TOPIC, "Message", "blue", "MessageAttributes.entry.1.Name", "color",
                "MessageAttributes.entry.1.Value.DataType", "String", "MessageAttributes.entry.1.Value.StringValue",
                "blue");

        assertThat(sns.store.due(Long.MAX_VALUE, Set.of(), 10)).hasSize((int) confirmations + 1);
    }
}
