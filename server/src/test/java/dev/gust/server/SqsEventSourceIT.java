package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/**
 * Lambda's SQS event source mappings end to end: real queues on Gust's SQS, real functions (Python and Node.js
 * handlers, a Java handler typed with aws-lambda-java-events on the official RIC), mappings made with the SDK's Lambda
 * client. Functions tell what they received by sending it to a sink queue with the SDK inside them.
 */
class SqsEventSourceIT {

    /** Forwards each event whole to the queue named by the environment's SINK, with the SDK the runtime provides. */
    private static final String PYTHON_FORWARDER = """
            import boto3, json, os
            sqs = boto3.client('sqs', endpoint_url=os.environ['AWS_ENDPOINT_URL'])
            def lambda_handler(event, context):
                sqs.send_message(QueueUrl=os.environ['SINK'], MessageBody=json.dumps(event))
            """;
    /** Forwards each batch's bodies in order to the FIFO sink, grouped as the batch's first message. */
    private static final String PYTHON_FIFO_FORWARDER = """
            import boto3, json, os
            sqs = boto3.client('sqs', endpoint_url=os.environ['AWS_ENDPOINT_URL'])
            def lambda_handler(event, context):
                records = event['Records']
                group = records[0]['attributes']['MessageGroupId']
                assert all(r['attributes']['MessageGroupId'] == group or True for r in records)
                sqs.send_message(QueueUrl=os.environ['SINK'], MessageGroupId='sink',
                    MessageDeduplicationId=records[0]['messageId'],
                    MessageBody=json.dumps([[r['attributes']['MessageGroupId'], r['body']] for r in records]))
            """;
    private static final String NODE_FAILING = """
            exports.handler = async (event) => { throw new Error('always fails: ' + event.Records.length); };
            """;
    /** Reports every message whose body starts with "fail" as a batch item failure. */
    private static final String JAVA_PARTIAL = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
            import com.amazonaws.services.lambda.runtime.events.SQSEvent;
            import java.util.ArrayList;
            import java.util.List;
            public class Partial implements RequestHandler<SQSEvent, SQSBatchResponse> {
                public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
                    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
                    for (SQSEvent.SQSMessage message : event.getRecords()) {
                        context.getLogger().log("record " + message.getMessageId() + " " + message.getEventSource());
                        if (message.getBody().startsWith("fail")) {
                            failures.add(SQSBatchResponse.BatchItemFailure.builder()
                                    .withItemIdentifier(message.getMessageId()).build());
                        }
                    }
                    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
                }
            }
            """;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static LambdaClient lambda;
    static SqsClient sqs;
    static TestFunctions functions;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        lambda = LambdaClients.forServer(gust.endpoint());
        sqs = SqsClients.forServer(gust.endpoint());
        functions = new TestFunctions(lambda);
    }

    @AfterAll
    static void stop() throws Exception {
        Files.writeString(Path.of("target", "SqsEventSourceIT-server.log"), gust.output());
        sqs.close();
        lambda.close();
        gust.close();
    }

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String arnOf(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static void pythonForwarder(String name, String code, String sinkUrl) {
        functions.create(name, "python3.12", "lambda_function.lambda_handler", Map.of("lambda_function.py", code),
                b -> b.environment(e -> e.variables(Map.of("SINK", sinkUrl))));
    }

    private static GetEventSourceMappingResponse enabled(String uuid) {
        await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)).state(),
                "Enabled"::equals);
        return lambda.getEventSourceMapping(b -> b.uuid(uuid));
    }

    /** Receives from {@code queueUrl} (deleting) until {@code count} messages came, and answers them. */
    private static List<Message> drain(String queueUrl, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).messages();
            received.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
            return received.size() >= count;
        });
        return received;
    }

    private static int messagesIn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static Set<String> sendMany(String queueUrl, int count, String prefix) {
        Set<String> ids = new HashSet<>();
        for (int from = 0; from < count; from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 10); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(prefix + i).build());
            }
            sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).successful()
                    .forEach(entry -> ids.add(entry.messageId()));
        }
        return ids;
    }

    @Test
    void aThousandMessagesAreAllProcessedAndDeleted() {
        String source = queue("thousand", Map.of());
        String sink = queue("thousand-sink", Map.of());
        pythonForwarder("thousand-fn", PYTHON_FORWARDER, sink);
        // at most five batches at once: a 2-core test machine runs five instances, not fifty
        String uuid = lambda.createEventSourceMapping(b -> b.functionName("thousand-fn").eventSourceArn(arnOf(source))
                .batchSize(10).scalingConfig(c -> c.maximumConcurrency(5))).uuid();
        enabled(uuid);

        Set<String> sent = sendMany(source, 1000, "message ");

        Set<String> delivered = new HashSet<>();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(sink).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                TestFunctions.parse(message.body()).get("Records")
                        .forEach(record -> delivered.add(record.get("messageId").asText()));
                sqs.deleteMessage(b -> b.queueUrl(sink).receiptHandle(message.receiptHandle()));
            }
            return delivered.size() >= 1000;
        });
        assertThat(delivered).isEqualTo(sent);
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesIn(source) == 0);
        // AWS shows an SQS mapping's LastProcessingResult only when it is a problem
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult()).isNull();
    }

    @Test
    void theEventHasAwsRecordShapeFieldByField() throws Exception {
        String source = queue("shape", Map.of());
        String sink = queue("shape-sink", Map.of());
        pythonForwarder("shape-fn", PYTHON_FORWARDER, sink);
        String sourceArn = arnOf(source);
        enabled(lambda.createEventSourceMapping(b -> b.functionName("shape-fn").eventSourceArn(sourceArn)
                .batchSize(1)).uuid());

        String body = "{\"destination\": \"somewhere\", \"fail_attempts\": 0}";
        SendMessageResponse sent = sqs.sendMessage(b -> b.queueUrl(source).messageBody(body).messageAttributes(Map.of(
                "Title", MessageAttributeValue.builder().dataType("String").stringValue("The Whistler").build(),
                "Author", MessageAttributeValue.builder().dataType("String").stringValue("John Grisham").build(),
                "WeeksOn", MessageAttributeValue.builder().dataType("Number").stringValue("6").build())));

        JsonNode record = TestFunctions.parse(drain(sink, 1).getFirst().body()).get("Records").get(0);
        JsonNode recorded = TestFunctions.JSON.readTree(TestFunctions.corpus(
                "localstack/tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_sqs.snapshot.json"))
                .get("tests/aws/services/lambda_/event_source_mapping/test_lambda_integration_sqs.py"
                        + "::test_message_body_and_attributes_passed_correctly")
                .at("/recorded-content/first_attempt/Messages/0/Body/event/Records/0");
        assertThat(fieldNames(record)).isEqualTo(fieldNames(recorded));
        assertThat(fieldNames(record.get("attributes"))).isEqualTo(fieldNames(recorded.get("attributes")));
        assertThat(record.get("messageAttributes")).isEqualTo(recorded.get("messageAttributes"));
        // the recorded md5OfMessageAttributes is AWS's digest of these very attributes
        assertThat(record.get("md5OfMessageAttributes").asText()).isEqualTo(sent.md5OfMessageAttributes())
                .isEqualTo(recorded.get("md5OfMessageAttributes").asText());
        assertThat(record.get("messageId").asText()).isEqualTo(sent.messageId());
        assertThat(record.get("body").asText()).isEqualTo(body);
        assertThat(record.get("md5OfBody").asText()).isEqualTo(sent.md5OfMessageBody());
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:sqs");
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(sourceArn);
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.get("attributes").get("ApproximateReceiveCount").asText()).isEqualTo("1");
        assertThat(record.get("attributes").get("SenderId").asText()).isNotEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aJavaHandlerReportsPartialFailuresWhichGoToTheDeadLetterQueue() throws Exception {
        String dlq = queue("partial-dlq", Map.of());
        String source = queue("partial", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "10",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":\"2\"}"));
        Path eventsJar = Path.of(SQSEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, byte[]> files = new LinkedHashMap<>(TestZips.javaClassFiles(work,
                Map.of("example/Partial.java", JAVA_PARTIAL), List.of(eventsJar)));
        files.put("lib/" + eventsJar.getFileName(), Files.readAllBytes(eventsJar));
        // the events library's own dependency, which the RIC's event serializers load
        Path jodaJar = Path.of(org.joda.time.DateTime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        files.put("lib/" + jodaJar.getFileName(), Files.readAllBytes(jodaJar));
        functions.create("partial-fn", "java21", "example.Partial::handleRequest", TestZips.zipBytes(files),
                b -> b.memorySize(512).timeout(10));
        String uuid = lambda.createEventSourceMapping(b -> b.functionName("partial-fn").eventSourceArn(arnOf(source))
                .batchSize(10).functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)).uuid();
        enabled(uuid);

        sendMany(source, 6, "ok ");
        sendMany(source, 3, "fail ");

        await().atMost(Duration.ofSeconds(60)).until(() -> messagesIn(source) == 0);
        List<String> deadLetters = drain(dlq, 3).stream().map(Message::body).toList();
        assertThat(deadLetters).containsExactlyInAnyOrder("fail 0", "fail 1", "fail 2");
    }

    @Test
    void aFunctionThatAlwaysFailsSendsEveryMessageToTheDeadLetterQueue() {
        String dlq = queue("failing-dlq", Map.of());
        String source = queue("failing", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "3",
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arnOf(dlq) + "\",\"maxReceiveCount\":\"2\"}"));
        functions.create("failing-fn", "nodejs20.x", "index.handler", Map.of("index.js", NODE_FAILING),
                b -> b.timeout(3));
        enabled(lambda.createEventSourceMapping(b -> b.functionName("failing-fn").eventSourceArn(arnOf(source))
                .batchSize(5)).uuid());

        Set<String> sent = sendMany(source, 5, "poison ");

        Set<String> deadLetters = new HashSet<>();
        drain(dlq, 5).forEach(m -> deadLetters.add(m.messageId()));
        assertThat(deadLetters).isEqualTo(sent);
        assertThat(messagesIn(source)).isZero();
    }

    @Test
    void aFifoQueueKeepsOrderWithinEachMessageGroup() {
        String source = queue("ordered.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        String sink = queue("ordered-sink.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        pythonForwarder("ordered-fn", PYTHON_FIFO_FORWARDER, sink);
        enabled(lambda.createEventSourceMapping(b -> b.functionName("ordered-fn").eventSourceArn(arnOf(source))
                .batchSize(3)).uuid());

        Map<String, List<String>> sentByGroup = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            String group = "g" + (i % 3);
            String body = group + "-" + i;
            int n = i;
            sqs.sendMessage(b -> b.queueUrl(source).messageBody(body).messageGroupId(group)
                    .messageDeduplicationId("d" + n));
            sentByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(body);
        }

        Map<String, List<String>> deliveredByGroup = new HashMap<>();
        List<Message> batches = new ArrayList<>();
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            batches.addAll(drainSome(sink));
            return batches.stream().mapToInt(m -> TestFunctions.parse(m.body()).size()).sum() >= 30;
        });
        for (Message batch : batches) {
            TestFunctions.parse(batch.body()).forEach(pair -> deliveredByGroup
                    .computeIfAbsent(pair.get(0).asText(), g -> new ArrayList<>()).add(pair.get(1).asText()));
        }
        assertThat(deliveredByGroup).isEqualTo(sentByGroup);
    }

    private static List<Message> drainSome(String queueUrl) {
        List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return batch;
    }

    @Test
    void filteredOutMessagesAreDeletedWithoutAnInvocation() {
        String source = queue("filtered", Map.of());
        String sink = queue("filtered-sink", Map.of());
        pythonForwarder("filtered-fn", PYTHON_FORWARDER, sink);
        enabled(lambda.createEventSourceMapping(b -> b.functionName("filtered-fn").eventSourceArn(arnOf(source))
                .batchSize(1).filterCriteria(f -> f.filters(p -> p.pattern("{\"body\":{\"kind\":[\"keep\"]}}")))).uuid());

        sqs.sendMessage(b -> b.queueUrl(source).messageBody("{\"kind\":\"drop\",\"n\":1}"));
        sqs.sendMessage(b -> b.queueUrl(source).messageBody("plain text"));
        sqs.sendMessage(b -> b.queueUrl(source).messageBody("{\"kind\":\"keep\",\"n\":2}"));

        Message forwarded = drain(sink, 1).getFirst();
        assertThat(TestFunctions.parse(forwarded.body()).get("Records").get(0).get("body").asText())
                .isEqualTo("{\"kind\":\"keep\",\"n\":2}");
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesIn(source) == 0);
        assertThat(messagesIn(sink)).isZero();
    }

    @Test
    void aDisabledMappingDeliversNothingUntilItIsEnabledAgain() {
        String source = queue("toggled", Map.of());
        String sink = queue("toggled-sink", Map.of());
        pythonForwarder("toggled-fn", PYTHON_FORWARDER, sink);
        String uuid = lambda.createEventSourceMapping(b -> b.functionName("toggled-fn").eventSourceArn(arnOf(source))
                .batchSize(1)).uuid();
        enabled(uuid);

        lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false));
        await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)).state(),
                "Disabled"::equals);
        sqs.sendMessage(b -> b.queueUrl(source).messageBody("while disabled"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> messagesIn(source) == 1);

        lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true));
        Message forwarded = drain(sink, 1).getFirst();
        assertThat(TestFunctions.parse(forwarded.body()).get("Records").get(0).get("body").asText())
                .isEqualTo("while disabled");
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).state()).isEqualTo("Enabled");
    }

    @Test
    void aDeletedFunctionLeavesItsMessagesUntilItIsBack() {
        String source = queue("orphaned", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));
        String sink = queue("orphaned-sink", Map.of());
        pythonForwarder("orphaned-fn", PYTHON_FORWARDER, sink);
        String uuid = lambda.createEventSourceMapping(b -> b.functionName("orphaned-fn").eventSourceArn(arnOf(source))
                .batchSize(1)).uuid();
        enabled(uuid);

        lambda.deleteFunction(b -> b.functionName("orphaned-fn"));
        sqs.sendMessage(b -> b.queueUrl(source).messageBody("for the next function"));
        await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid))
                .lastProcessingResult(), "PROBLEM: Function not found."::equals);
        assertThat(messagesIn(source)).isEqualTo(1);

        pythonForwarder("orphaned-fn", PYTHON_FORWARDER, sink);
        Message forwarded = drain(sink, 1).getFirst();
        assertThat(TestFunctions.parse(forwarded.body()).get("Records").get(0).get("body").asText())
                .isEqualTo("for the next function");
        await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid))
                .lastProcessingResult() == null);
    }
}
