package dev.gust.server;

import static dev.gust.server.SnsTesting.aws;
import static dev.gust.server.SnsTesting.createTopic;
import static dev.gust.server.SnsTesting.queueArn;
import static dev.gust.server.SnsTesting.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * A topic fans out to a function and to queues as AWS delivers: the SNS event shape (field by field against SAM's
 * sample event), the signed JSON envelope, raw delivery, per-protocol messages, and filter policies on message
 * attributes and on the message body. SNS through the AWS CLI; Lambda and SQS through the AWS SDK for Java v2.
 */
class SnsDeliveryIT {

    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient lambda;
    static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        gust = AsyncTesting.start(dataDir, java.util.Map.of());
        lambda = LambdaClients.forServer(gust.endpoint());
        sqs = SqsClients.forServer(gust.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        sqs.close();
        lambda.close();
        gust.close();
    }

    private static String createQueue(String name) {
        sqs.createQueue(b -> b.queueName(name));
        return queueArn(name);
    }

    private static String queueUrl(String name) {
        return gust.endpoint() + "/" + SnsTesting.ACCOUNT + "/" + name;
    }

    /** Every message that arrives in the queue within {@code seconds}, or until {@code expected} arrived. */
    private static List<Message> receive(String queue, int expected, int seconds) {
        List<Message> received = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (received.size() < expected && System.nanoTime() < deadline) {
            received.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl(queue)).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages());
        }
        return received;
    }

    @Test
    void fansOutToAFunctionAndAQueueWithAwsShapes() throws Exception {
        String topic = createTopic(gust, "fanout");
        AsyncTesting.createPython(lambda, "sns-printer", AsyncTesting.PRINTS_EVENT);
        lambda.addPermission(b -> b.functionName("sns-printer").statementId("sns").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com").sourceArn(topic));
        String functionSubscription = subscribe(gust, topic, "lambda", AsyncTesting.FUNCTION_ARN + "sns-printer");
        String queue = createQueue("fanout-queue");
        String queueSubscription = subscribe(gust, topic, "sqs", queue);
        assertThat(functionSubscription).startsWith(topic + ":");
        assertThat(queueSubscription).startsWith(topic + ":");

        String messageId = aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "hello fan-out",
                "--subject", "greeting", "--message-attributes",
                "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"red\"},"
                        + "\"count\":{\"DataType\":\"Number\",\"StringValue\":\"3\"}}").path("MessageId").asText();

        List<Message> inQueue = receive("fanout-queue", 1, 30);
        assertThat(inQueue).hasSize(1);
        JsonNode envelope = SnsTesting.JSON.readTree(inQueue.getFirst().body());
        assertThat(fieldNames(envelope)).containsExactly("Type", "MessageId", "TopicArn", "Subject", "Message",
                "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes");
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("MessageId").asText()).isEqualTo(messageId);
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(envelope.path("Subject").asText()).isEqualTo("greeting");
        assertThat(envelope.path("Message").asText()).isEqualTo("hello fan-out");
        assertThat(envelope.path("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(envelope.path("MessageAttributes").toString())
                .isEqualTo("{\"color\":{\"Type\":\"String\",\"Value\":\"red\"},\"count\":{\"Type\":\"Number\","
                        + "\"Value\":\"3\"}}");
        assertThat(envelope.path("UnsubscribeURL").asText()).contains("Action=Unsubscribe");
        assertThat(SnsTesting.signatureVerifies(envelope, "SigningCertURL")).isTrue();

        JsonNode event = eventFor("sns-printer", messageId);
        JsonNode sample;
        try (InputStream in = SnsDeliveryIT.class.getResourceAsStream(
                "/corpus/aws-sam-cli/generated_sample_events-rendered/sns/notification.json")) {
            sample = SnsTesting.JSON.readTree(in);
        }
        assertThat(fieldNames(event)).isEqualTo(fieldNames(sample));
        JsonNode record = event.path("Records").get(0);
        assertThat(fieldNames(record)).isEqualTo(fieldNames(sample.path("Records").get(0)));
        assertThat(fieldNames(record.path("Sns"))).isEqualTo(fieldNames(sample.path("Records").get(0).path("Sns")));
        assertThat(record.path("EventSource").asText()).isEqualTo("aws:sns");
        assertThat(record.path("EventVersion").asText()).isEqualTo("1.0");
        assertThat(record.path("EventSubscriptionArn").asText()).isEqualTo(functionSubscription);
        JsonNode sns = record.path("Sns");
        assertThat(sns.path("Type").asText()).isEqualTo("Notification");
        assertThat(sns.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(sns.path("Subject").asText()).isEqualTo("greeting");
        assertThat(sns.path("Message").asText()).isEqualTo("hello fan-out");
        assertThat(sns.path("Timestamp").asText()).isEqualTo(envelope.path("Timestamp").asText());
        assertThat(sns.path("SignatureVersion").asText()).isEqualTo("1");
        assertThat(sns.path("MessageAttributes").toString()).isEqualTo(envelope.path("MessageAttributes").toString());
        assertThat(SnsTesting.signatureVerifies(sns, "SigningCertUrl")).isTrue();
    }

    @Test
    void aFunctionWhosePolicyDoesNotAllowTheTopicGetsNothing() throws Exception {
        String topic = createTopic(gust, "unpermitted");
        AsyncTesting.createPython(lambda, "sns-unpermitted", AsyncTesting.PRINTS_EVENT);
        subscribe(gust, topic, "lambda", AsyncTesting.FUNCTION_ARN + "sns-unpermitted");
        String queue = createQueue("unpermitted-witness");
        subscribe(gust, topic, "sqs", queue);

        aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "not for you");

        assertThat(receive("unpermitted-witness", 1, 30)).hasSize(1); // delivered to the queue, so attempted
        Thread.sleep(2_000);
        assertThat(AsyncTesting.logs(dataDir, "sns-unpermitted")).doesNotContain("not for you");
    }

    @Test
    void rawDeliveryCarriesTheMessageAndItsAttributes() throws Exception {
        String topic = createTopic(gust, "raw");
        String queue = createQueue("raw-queue");
        subscribe(gust, topic, "sqs", queue, "--attributes", "RawMessageDelivery=true");

        aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "{\"just\":\"me\"}", "--message-attributes",
                "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"blue\"}}");

        List<Message> received = receive("raw-queue", 1, 30);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().body()).isEqualTo("{\"just\":\"me\"}");
        assertThat(received.getFirst().messageAttributes()).containsEntry("color",
                MessageAttributeValue.builder().dataType("String").stringValue("blue").build());
    }

    @Test
    void aJsonStructuredMessageGivesEachProtocolItsOwn() throws Exception {
        String topic = createTopic(gust, "structured");
        String queue = createQueue("structured-queue");
        subscribe(gust, topic, "sqs", queue, "--attributes", "RawMessageDelivery=true");

        aws(gust, "sns", "publish", "--topic-arn", topic, "--message-structure", "json", "--message",
                "{\"default\":\"for everyone\",\"sqs\":\"for queues\"}");
        aws(gust, "sns", "publish", "--topic-arn", topic, "--message-structure", "json", "--message",
                "{\"default\":\"only the default\"}");

        assertThat(receive("structured-queue", 2, 30)).extracting(Message::body)
                .containsExactlyInAnyOrder("for queues", "only the default");
    }

    @Test
    void aFifoTopicDeliversEachGroupInOrderToAFifoQueue() throws Exception {
        String topic = createTopic(gust, "ordered.fifo", "--attributes",
                "FifoTopic=true,ContentBasedDeduplication=true");
        sqs.createQueue(b -> b.queueName("ordered.fifo").attributes(java.util.Map.of(
                software.amazon.awssdk.services.sqs.model.QueueAttributeName.FIFO_QUEUE, "true")));
        subscribe(gust, topic, "sqs", queueArn("ordered.fifo"), "--attributes", "RawMessageDelivery=true");

        List<String> sequence = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            sequence.add(aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "step " + i,
                    "--message-group-id", "job").path("SequenceNumber").asText());
        }
        aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "step 6", "--message-group-id", "job");

        assertThat(sequence).isSorted().doesNotHaveDuplicates();
        assertThat(receive("ordered.fifo", 7, 10)).extracting(Message::body).containsExactly("step 1", "step 2",
                "step 3", "step 4", "step 5", "step 6");
    }

    @Test
    void filterPoliciesSelectByMessageAttributes() throws Exception {
        String topic = createTopic(gust, "filtered-attributes");
        String queue = createQueue("filtered-attributes-queue");
        subscribe(gust, topic, "sqs", queue, "--attributes", "{\"RawMessageDelivery\":\"true\",\"FilterPolicy\":"
                + "\"{\\\"color\\\":[\\\"red\\\",{\\\"prefix\\\":\\\"gr\\\"}],\\\"price\\\":[{\\\"numeric\\\":[\\\">\\\",10]}]}\"}");

        publish(topic, "red 20", "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"red\"},"
                + "\"price\":{\"DataType\":\"Number\",\"StringValue\":\"20\"}}");
        publish(topic, "green 11.5", "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"green\"},"
                + "\"price\":{\"DataType\":\"Number\",\"StringValue\":\"11.5\"}}");
        publish(topic, "red 5", "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"red\"},"
                + "\"price\":{\"DataType\":\"Number\",\"StringValue\":\"5\"}}");
        publish(topic, "blue 20", "{\"color\":{\"DataType\":\"String\",\"StringValue\":\"blue\"},"
                + "\"price\":{\"DataType\":\"Number\",\"StringValue\":\"20\"}}");
        publish(topic, "no attributes", null);
        publish(topic, "array 30", "{\"color\":{\"DataType\":\"String.Array\",\"StringValue\":\"[\\\"blue\\\","
                + "\\\"red\\\"]\"},\"price\":{\"DataType\":\"Number\",\"StringValue\":\"30\"}}");

        assertThat(bodies("filtered-attributes-queue")).containsExactly("array 30", "green 11.5", "red 20");
    }

    @Test
    void filterPoliciesSelectByMessageBody() throws Exception {
        String topic = createTopic(gust, "filtered-body");
        String queue = createQueue("filtered-body-queue");
        String subscription = subscribe(gust, topic, "sqs", queue);
        aws(gust, "sns", "set-subscription-attributes", "--subscription-arn", subscription, "--attribute-name",
                "RawMessageDelivery", "--attribute-value", "true");
        aws(gust, "sns", "set-subscription-attributes", "--subscription-arn", subscription, "--attribute-name",
                "FilterPolicyScope", "--attribute-value", "MessageBody");
        aws(gust, "sns", "set-subscription-attributes", "--subscription-arn", subscription, "--attribute-name",
                "FilterPolicy", "--attribute-value", "{\"order\":{\"kind\":[\"paid\"]}}");
        JsonNode attributes = aws(gust, "sns", "get-subscription-attributes", "--subscription-arn", subscription)
                .path("Attributes");
        assertThat(attributes.path("FilterPolicyScope").asText()).isEqualTo("MessageBody");
        assertThat(attributes.path("RawMessageDelivery").asText()).isEqualTo("true");

        publish(topic, "{\"order\":{\"kind\":\"paid\",\"id\":1}}", null);
        publish(topic, "{\"order\":{\"kind\":\"open\",\"id\":2}}", null);
        publish(topic, "not json", "{\"kind\":{\"DataType\":\"String\",\"StringValue\":\"paid\"}}");

        assertThat(bodies("filtered-body-queue")).containsExactly("{\"order\":{\"kind\":\"paid\",\"id\":1}}");
    }

    /** The bodies of what arrives in the queue within 8 seconds, sorted. */
    private static Set<String> bodies(String queue) {
        Set<String> bodies = new TreeSet<>();
        receive(queue, 10, 8).forEach(m -> bodies.add(m.body()));
        return bodies;
    }

    private static void publish(String topic, String message, String attributes) throws Exception {
        List<String> args = new ArrayList<>(List.of("sns", "publish", "--topic-arn", topic, "--message", message));
        if (attributes != null) {
            args.addAll(List.of("--message-attributes", attributes));
        }
        aws(gust, args.toArray(String[]::new));
    }

    /** The event the printing function received for the message {@code messageId}. */
    private static JsonNode eventFor(String function, String messageId) {
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode line : AsyncTesting.jsonLines(dataDir, function)) {
                if (messageId.equals(line.at("/Records/0/Sns/MessageId").asText(null))) {
                    found[0] = line;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
