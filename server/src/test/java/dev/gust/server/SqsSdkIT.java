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
                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
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
    void aMissingQueueIsQueueDoesNotExist() {
        assertThatThrownBy(() -> sqs.getQueueUrl(r -> r.queueName("no-such-queue")))
                .isInstanceOf(QueueDoesNotExistException.class)
                .satisfies(e -> assertThat(((SqsException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> sqs.sendMessage(r -> r.queueUrl(endpoint() + "/000000000000/no-such-queue")
                .messageBody("x"))).isInstanceOf(QueueDoesNotExistException.class);
    }
}
