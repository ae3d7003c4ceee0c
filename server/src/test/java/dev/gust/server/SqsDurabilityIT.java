package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A message SendMessage acknowledged is durable: a burst of sends from several threads, a SIGKILL in the middle of
 * it, a restart on the same data dir, and every acknowledged message id is received. The queues' attributes and tags
 * survive too, and a message received (in flight) before the kill comes back after its visibility timeout.
 */
class SqsDurabilityIT {

    private static final int MESSAGES = 5_000;
    private static final int KILL_AFTER_ACKNOWLEDGED = 1_000;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedMessageIsReceivedAfterAKillInTheMiddleOfABurst() throws Exception {
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKNOWLEDGED);
        String url;
        GustProcess gust = GustProcess.start(dataDir);
        long burstStarted;
        try (SqsClient sqs = SqsClients.forServer(gust.endpoint())) {
            url = sqs.createQueue(r -> r.queueName("burst").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                    "2")).tags(Map.of("team", "gust"))).queueUrl();
            sqs.createQueue(r -> r.queueName("burst-dlq"));
            ExecutorService clients = Executors.newFixedThreadPool(16);
            burstStarted = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                String body = "message-%05d".formatted(i);
                clients.execute(() -> {
                    try {
                        String id = sqs.sendMessage(r -> r.queueUrl(url).messageBody(body)).messageId();
                        acknowledged.put(id, body);
                        enough.countDown();
                    } catch (RuntimeException e) {
                        refused.incrementAndGet(); // the server is gone: not acknowledged, so not promised
                    }
                });
            }
            assertThat(enough.await(5, TimeUnit.MINUTES)).as("acknowledged before the kill").isTrue();
            gust.kill();
            long killed = System.nanoTime();
            clients.shutdown();
            assertThat(clients.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
            System.out.printf("[measure] %d of %d SendMessage calls acknowledged in %.2f s before SIGKILL (16 "
                    + "clients; %d failed)%n", acknowledged.size(), MESSAGES, (killed - burstStarted) / 1e9,
                    refused.get());
        } finally {
            gust.kill();
        }
        Map<String, String> promised = Map.copyOf(acknowledged);
        assertThat(promised.size()).as("the kill came in the middle of the burst").isLessThan(MESSAGES);

        long restarted = System.nanoTime();
        try (GustProcess again = GustProcess.start(dataDir); SqsClient sqs = SqsClients.forServer(again.endpoint())) {
            long ready = System.nanoTime();
            assertThat(sqs.getQueueUrl(r -> r.queueName("burst")).queueUrl()).isEqualTo(url.replaceFirst(
                    "//[^/]+/", "//" + again.endpoint().getAuthority() + "/"));
            String restartedUrl = sqs.getQueueUrl(r -> r.queueName("burst")).queueUrl();
            assertThat(sqs.getQueueAttributes(r -> r.queueUrl(restartedUrl).attributeNames(
                    QueueAttributeName.VISIBILITY_TIMEOUT)).attributes())
                    .containsEntry(QueueAttributeName.VISIBILITY_TIMEOUT, "2");
            assertThat(sqs.listQueueTags(r -> r.queueUrl(restartedUrl)).tags()).containsEntry("team", "gust");
            assertThat(sqs.listQueues(r -> r.queueNamePrefix("burst")).queueUrls()).hasSize(2);

            Map<String, String> received = new HashMap<>();
            int emptyReceives = 0;
            while (emptyReceives < 3) {
                var messages = sqs.receiveMessage(r -> r.queueUrl(restartedUrl).maxNumberOfMessages(10)
                        .waitTimeSeconds(1)).messages();
                emptyReceives = messages.isEmpty() ? emptyReceives + 1 : 0;
                for (Message m : messages) {
                    received.put(m.messageId(), m.body());
                    sqs.deleteMessage(r -> r.queueUrl(restartedUrl).receiptHandle(m.receiptHandle()));
                }
            }
            System.out.printf("[measure] restart took %.1f s; %d messages received after it, %d of them "
                    + "acknowledged before the kill%n", (ready - restarted) / 1e9, received.size(),
                    received.keySet().stream().filter(promised::containsKey).count());
            assertThat(received).containsAllEntriesOf(promised);
            Set<String> bodies = Set.copyOf(received.values());
            assertThat(bodies).allSatisfy(body -> assertThat(body).matches("message-\\d{5}"));
        }
    }

    @Test
    void aMessageInFlightAtTheKillComesBackAndADeletedOneDoesNot() throws Exception {
        GustProcess gust = GustProcess.start(dataDir);
        String kept;
        try (SqsClient sqs = SqsClients.forServer(gust.endpoint())) {
            String url = sqs.createQueue(r -> r.queueName("inflight").attributes(Map.of(
                    QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
            kept = sqs.sendMessage(r -> r.queueUrl(url).messageBody("kept")).messageId();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("deleted"));
            var both = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
            assertThat(both).hasSize(2);
            Message deleted = both.stream().filter(m -> m.body().equals("deleted")).findFirst().orElseThrow();
            sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(deleted.receiptHandle()));
            sqs.purgeQueue(r -> r.queueUrl(sqs.createQueue(q -> q.queueName("purged")).queueUrl()));
        } finally {
            gust.kill();
        }
        try (GustProcess again = GustProcess.start(dataDir); SqsClient sqs = SqsClients.forServer(again.endpoint())) {
            String url = sqs.getQueueUrl(r -> r.queueName("inflight")).queueUrl();
            var messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(5)
                    .messageSystemAttributeNames(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName
                            .APPROXIMATE_RECEIVE_COUNT)).messages();
            assertThat(messages).extracting(Message::messageId).containsExactly(kept);
            assertThat(messages.get(0).attributes().get(software.amazon.awssdk.services.sqs.model
                    .MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).isEqualTo("2");
        }
    }
}
