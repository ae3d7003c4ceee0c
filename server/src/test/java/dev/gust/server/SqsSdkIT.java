package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** SQS through the edge with the AWS SDK for Java v2, which speaks the JSON 1.0 protocol. */
class SqsSdkIT {

    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        sqs = SqsClients.forServer(gust.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        gust.close();
    }

    private static String endpoint() {
        String e = gust.endpoint().toString();
        return e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
    }

    @Test
    void healthListsSqsAmongTheHostedServices() throws Exception {
        assertThat(gust.health().get("services").toString()).contains("\"sqs\"");
    }

    @Test
    void queueUrlsAndArnsHaveAwsShapesWithTheHostTheClientCalled() {
        String url = sqs.createQueue(r -> r.queueName("shapes")).queueUrl();
        assertThat(url).isEqualTo(endpoint() + "/000000000000/shapes");
        assertThat(sqs.getQueueUrl(r -> r.queueName("shapes")).queueUrl()).isEqualTo(url);
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        assertThat(arn).isEqualTo("arn:aws:sqs:us-east-1:000000000000:shapes");
    }

    @Test
    void sendsReceivesAndDeletesAMessageWithItsAttributes() {
        String url = sqs.createQueue(r -> r.queueName("basic")).queueUrl();
        String id = sqs.sendMessage(r -> r.queueUrl(url).messageBody("hello").messageAttributes(Map.of("colour",
                MessageAttributeValue.builder().dataType("String").stringValue("blue").build()))).messageId();
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)
                .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        assertThat(messages).hasSize(1);
        Message m = messages.get(0);
        assertThat(m.messageId()).isEqualTo(id);
        assertThat(m.body()).isEqualTo("hello");
        assertThat(m.messageAttributes().get("colour").stringValue()).isEqualTo("blue");
        assertThat(m.attributes()).containsKeys(MessageSystemAttributeName.SENT_TIMESTAMP,
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
                .containsEntry(MessageSystemAttributeName.SENDER_ID, "000000000000");
        sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void batchesSendAndDeleteTenMessages() {
        String url = sqs.createQueue(r -> r.queueName("batches")).queueUrl();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m" + i).build());
        }
        assertThat(sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).successful()).hasSize(10);
        List<Message> received = new ArrayList<>();
        while (received.size() < 10) {
            received.addAll(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2))
                    .messages());
        }
        var deleted = sqs.deleteMessageBatch(r -> r.queueUrl(url).entries(received.stream().map(m ->
                software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                        .id(m.messageId()).receiptHandle(m.receiptHandle()).build()).toList()));
        assertThat(deleted.successful()).hasSize(10);
        assertThat(deleted.failed()).isEmpty();
    }

    @Test
    void aFifoQueueKeepsOrderWithinAGroupAndDropsDuplicates() {
        String url = sqs.createQueue(r -> r.queueName("order.fifo").attributes(Map.of(QueueAttributeName.FIFO_QUEUE,
                "true"))).queueUrl();
        for (int i = 0; i < 5; i++) {
            String body = "m" + i;
            sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageGroupId("g").messageDeduplicationId(body));
        }
        String duplicate = sqs.sendMessage(r -> r.queueUrl(url).messageBody("m0 again").messageGroupId("g")
                .messageDeduplicationId("m0")).messageId();
        List<String> bodies = new ArrayList<>();
        while (bodies.size() < 5) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2))
                    .messages();
            assertThat(messages).isNotEmpty();
            for (Message m : messages) {
                bodies.add(m.body());
                sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
        assertThat(bodies).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(duplicate).isNotBlank();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void aLongPollWaitsForAMessageAndAnswersAsSoonAsOneArrives() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("long-poll")).queueUrl();
        long began = System.nanoTime();
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(2)).messages()).isEmpty();
        assertThat((System.nanoTime() - began) / 1_000_000).as("an empty long poll waits").isGreaterThanOrEqualTo(1_900);

        Thread sender = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("late"));
        });
        began = System.nanoTime();
        var messages = sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(20)).messages();
        long waited = (System.nanoTime() - began) / 1_000_000;
        sender.join();
        assertThat(messages).extracting(Message::body).containsExactly("late");
        assertThat(waited).as("answered when the message arrived").isLessThan(10_000);
    }

    @Test
    void badAttributesAndTooLargeMessagesAreRefusedAsAwsRefusesThem() {
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName("bad").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "43201"))))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.InvalidAttributeValueException.class)
                .hasMessageContaining("Invalid value for the parameter VisibilityTimeout.");
        assertThatThrownBy(() -> sqs.createQueue(r -> r.queueName("bad").attributesWithStrings(Map.of("Colour",
                "blue")))).isInstanceOf(software.amazon.awssdk.services.sqs.model.InvalidAttributeNameException.class)
                .hasMessageContaining("Unknown Attribute Colour.");
        String url = sqs.createQueue(r -> r.queueName("sizes")).queueUrl();
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(url).messageBody("x".repeat(1_048_577))))
                .isInstanceOf(SqsException.class)
                .satisfies(e -> {
                    SqsException sqsError = (SqsException) e;
                    assertThat(sqsError.statusCode()).isEqualTo(400);
                    assertThat(sqsError.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
                    assertThat(sqsError.awsErrorDetails().errorMessage()).isEqualTo("One or more parameters are "
                            + "invalid. Reason: Message must be shorter than 1048576 bytes.");
                });
        assertThat(sqs.sendMessage(r -> r.queueUrl(url).messageBody("x".repeat(1_048_576))).messageId()).isNotBlank();
        assertThatThrownBy(() -> sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(21)))
                .isInstanceOf(SqsException.class).hasMessageContaining("Value 21 for parameter WaitTimeSeconds is "
                        + "invalid. Reason: Must be >= 0 and <= 20, if provided.");
        List<SendMessageBatchRequestEntry> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("m").build());
        }
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(eleven)))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.TooManyEntriesInBatchRequestException.class)
                .hasMessageContaining("Maximum number of entries per request are 10. You have sent 11.");
        assertThatThrownBy(() -> sqs.sendMessageBatch(r -> r.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("x").build(),
                SendMessageBatchRequestEntry.builder().id("a").messageBody("y").build())))
                .isInstanceOf(software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException.class)
                .hasMessageContaining("Id a repeated.");
        assertThat(sqs.listQueues(r -> r.queueNamePrefix("bad")).queueUrls()).isEmpty();
    }

    @Test
    void theAsyncClientSendsReceivesChangesVisibilityAndDeletes() throws Exception {
        try (var async = SqsClients.async(gust.endpoint())) {
            String url = async.createQueue(r -> r.queueName("async")).get().queueUrl();
            String id = async.sendMessage(r -> r.queueUrl(url).messageBody("a")).get().messageId();
            Message first = async.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).get().messages().get(0);
            assertThat(first.messageId()).isEqualTo(id);
            async.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(first.receiptHandle())
                    .visibilityTimeout(0)).get();
            Message again = async.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).get()
                    .messages().get(0);
            assertThat(again.attributes()).containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2");
            async.deleteMessage(r -> r.queueUrl(url).receiptHandle(again.receiptHandle())).get();
            assertThat(async.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(1)).get().messages()).isEmpty();
        }
    }

    @Test
    void aQueryRequestPostedToTheQueuesUrlActsOnThatQueue() throws Exception {
        String url = sqs.createQueue(r -> r.queueName("by-path")).queueUrl();
        byte[] form = "Action=SendMessage&Version=2012-11-05&MessageBody=posted".getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        RawHttp.Response sent = RawHttp.exchange(gust.endpoint(), RawHttp.signedFor(gust.endpoint(), "sqs", "POST",
                "/000000000000/by-path", Map.of("Content-Type", "application/x-www-form-urlencoded"), form));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("<SendMessageResponse", "<MessageId>");
        assertThat(sqs.receiveMessage(r -> r.queueUrl(url).waitTimeSeconds(5)).messages())
                .extracting(Message::body).containsExactly("posted");
    }

    @Test
    void aMissingQueueIsQueueDoesNotExist() {
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("no-such-queue")))
                .isInstanceOf(QueueDoesNotExistException.class)
                .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(endpoint() + "/000000000000/no-such-queue")
                .messageBody("x"))).isInstanceOf(QueueDoesNotExistException.class);
    }
}
