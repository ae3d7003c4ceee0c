package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * SQS queues and SNS topics as {@code OnSuccess}/{@code OnFailure} destinations and as dead-letter queues: which ARNs
 * {@code PutFunctionEventInvokeConfig} and {@code UpdateFunctionEventInvokeConfig} accept, with AWS's messages
 * ({@code test_lambda_api.snapshot.json}, {@code put_destination_invalid_service_arn}), and what the queues receive,
 * read back with the AWS SDK and checked field by field against {@code test_lambda_destinations.snapshot.json}
 * ({@code test_assess_lambda_destination_invocation}, {@code test_dead_letter_queue}).
 */
class QueueDestinationsIT {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:records";
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:records";
    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient lambda;
    static SqsClient sqs;

    @BeforeAll
    static void start() throws Exception {
        gust = AsyncTesting.start(dataDir, Map.of());
        lambda = LambdaClients.forServer(gust.endpoint());
        sqs = SqsClients.forServer(gust.endpoint());
        AsyncTesting.createPython(lambda, "configured", AsyncTesting.PRINTS_EVENT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        if (sqs != null) {
            sqs.close();
        }
        if (gust != null) {
            gust.close();
        }
    }

    @Test
    void acceptsQueuesAndTopicsAsDestinationsAndShowsThem() {
        var put = lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").destinationConfig(d -> d
                .onSuccess(s -> s.destination(TOPIC)).onFailure(f -> f.destination(QUEUE))));

        assertThat(put.destinationConfig().onSuccess().destination()).isEqualTo(TOPIC);
        assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(QUEUE);
        var updated = lambda.updateFunctionEventInvokeConfig(b -> b.functionName("configured").destinationConfig(d -> d
                .onSuccess(s -> s.destination(QUEUE))));
        assertThat(updated.destinationConfig().onSuccess().destination()).isEqualTo(QUEUE);
        assertThat(updated.destinationConfig().onFailure().destination()).isEqualTo(QUEUE);
    }

    @Test
    void refusesAnotherServicesArnWithAwsMessageAndChangesNothing() {
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured").maximumRetryAttempts(1)
                .destinationConfig(d -> d.onFailure(f -> f.destination(QUEUE))));
        String iam = "arn:aws:iam:us-east-1:000000000000:function:configured";

        assertRefused(d -> d.onSuccess(s -> s.destination(iam)), "The provided destination config "
                + "DestinationConfig(onSuccess=OnSuccess(destination=" + iam + "), onFailure=null) is invalid.");
        assertRefused(d -> d.onSuccess(s -> s.destination(QUEUE)).onFailure(f -> f.destination(
                "arn:aws:sqs:us-east-1:000000000000:q:extra")), "The provided destination config "
                + "DestinationConfig(onSuccess=OnSuccess(destination=" + QUEUE + "), onFailure=OnFailure(destination="
                + "arn:aws:sqs:us-east-1:000000000000:q:extra)) is invalid.");
        assertRefused(d -> d.onFailure(f -> f.destination(AsyncTesting.FUNCTION_ARN + "doesnotexist")),
                "The destination ARN " + AsyncTesting.FUNCTION_ARN + "doesnotexist is invalid.");
        assertRefused(d -> d.onSuccess(s -> s.destination("arn:aws:s3:::bucket")), "The provided destination config "
                + "DestinationConfig(onSuccess=OnSuccess(destination=arn:aws:s3:::bucket), onFailure=null) is invalid.");

        var kept = lambda.getFunctionEventInvokeConfig(b -> b.functionName("configured"));
        assertThat(kept.maximumRetryAttempts()).isEqualTo(1);
        assertThat(kept.destinationConfig().onFailure().destination()).isEqualTo(QUEUE);
        assertThat(kept.destinationConfig().onSuccess().destination()).isNull();
    }

    @Test
    void refusesEventBusesAndBucketsWithAMessageThatSaysGustCannotYet() {
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                .destinationConfig(d -> d.onFailure(f -> f.destination(
                        "arn:aws:events:us-east-1:000000000000:event-bus/default")))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith(
                            "Gust cannot deliver to EventBridge event bus destinations yet");
                });
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                .destinationConfig(d -> d.onFailure(f -> f.destination("arn:aws:s3:::failed-events")))))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("Gust cannot deliver to S3 bucket destinations yet"));
    }

    @Test
    void aFailureRecordArrivesInTheOnFailureQueueFieldByField() {
        String queueUrl = sqs.createQueue(b -> b.queueName("failures")).queueUrl();
        AsyncTesting.createPython(lambda, "fails-to-queue", AsyncTesting.FAILS);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("fails-to-queue").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(arn("failures")))));
        String sent = "{\"raise_error\":1,\"nested\":{\"list\":[1,2]}}";
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String id = AsyncTesting.requestId(AsyncTesting.invokeEvent(lambda, "fails-to-queue", sent));

        Message message = receiveOne(queueUrl);
        JsonNode record = AsyncTesting.json(message.body());
        AsyncDestinationsIT.assertRecordHeader(record, before, id, AsyncTesting.FUNCTION_ARN + "fails-to-queue:$LATEST",
                "RetriesExhausted", 1, sent);
        AsyncDestinationsIT.assertFailureResponse(record, id, "fails-to-queue");
        assertThat(message.md5OfBody()).isEqualTo(md5(message.body()));
        assertThat(message.messageAttributes()).isEmpty();
    }

    @Test
    void aFailedEventArrivesInTheDeadLetterQueueWithLambdasAttributes() {
        String queueUrl = sqs.createQueue(b -> b.queueName("dead-letters")).queueUrl();
        AsyncTesting.createPython(lambda, "fails-to-dlq", AsyncTesting.FAILS);
        lambda.updateFunctionConfiguration(b -> b.functionName("fails-to-dlq")
                .deadLetterConfig(d -> d.targetArn(arn("dead-letters"))));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("fails-to-dlq").maximumRetryAttempts(0));
        String sent = "{\"raise_error\": 1}"; // the bytes the recording's boto3 client sent

        String id = AsyncTesting.requestId(AsyncTesting.invokeEvent(lambda, "fails-to-dlq", sent));

        Message message = receiveOne(queueUrl);
        assertThat(message.body()).isEqualTo(sent);
        // as AWS recorded it: the body's MD5 is the recording's, attributes RequestID, ErrorCode, ErrorMessage
        assertThat(message.md5OfBody()).isEqualTo("ba08269cbd0ce515889bfba6593731e1");
        assertThat(message.messageAttributes()).containsOnlyKeys("RequestID", "ErrorCode", "ErrorMessage");
        assertAttribute(message.messageAttributes().get("RequestID"), "String", id);
        assertAttribute(message.messageAttributes().get("ErrorCode"), "Number", "200");
        assertAttribute(message.messageAttributes().get("ErrorMessage"), "String", "intentional failure");
        assertThat(message.md5OfMessageAttributes()).isNotEmpty();
    }

    @Test
    void aSuccessRecordReachesAQueueThroughATopicSubscription() throws Exception {
        String topic = SnsTesting.createTopic(gust, "successes");
        String queueUrl = sqs.createQueue(b -> b.queueName("from-topic")).queueUrl();
        SnsTesting.subscribe(gust, topic, "sqs", arn("from-topic"));
        AsyncTesting.createPython(lambda, "succeeds-to-topic", """
                def handler(event, context):
                    return {"echo": event}
                """);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("succeeds-to-topic")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(topic))));
        String sent = "{\"message\":\"via-sns\"}";
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String id = AsyncTesting.requestId(AsyncTesting.invokeEvent(lambda, "succeeds-to-topic", sent));

        JsonNode envelope = AsyncTesting.json(receiveOne(queueUrl).body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(envelope.has("Subject")).as("no subject: %s", envelope).isFalse();
        JsonNode record = AsyncTesting.json(envelope.path("Message").asText());
        AsyncDestinationsIT.assertRecordHeader(record, before, id,
                AsyncTesting.FUNCTION_ARN + "succeeds-to-topic:$LATEST", "Success", 1, sent);
        assertThat(record.get("responseContext"))
                .isEqualTo(AsyncTesting.json("{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}"));
        assertThat(record.get("responsePayload")).isEqualTo(AsyncTesting.json("{\"echo\":" + sent + "}"));
    }

    @Test
    void aDeadLetterTopicCarriesTheEventAndLambdasAttributes() throws Exception {
        String topic = SnsTesting.createTopic(gust, "dead-letter-topic");
        String queueUrl = sqs.createQueue(b -> b.queueName("dead-letters-via-topic")).queueUrl();
        SnsTesting.subscribe(gust, topic, "sqs", arn("dead-letters-via-topic"));
        AsyncTesting.createPython(lambda, "fails-to-topic", AsyncTesting.FAILS);
        lambda.updateFunctionConfiguration(b -> b.functionName("fails-to-topic")
                .deadLetterConfig(d -> d.targetArn(topic)));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("fails-to-topic").maximumRetryAttempts(0));
        String sent = "{\"raise_error\": 1}";

        String id = AsyncTesting.requestId(AsyncTesting.invokeEvent(lambda, "fails-to-topic", sent));

        JsonNode envelope = AsyncTesting.json(receiveOne(queueUrl).body());
        assertThat(envelope.path("Message").asText()).isEqualTo(sent);
        assertThat(envelope.path("MessageAttributes")).isEqualTo(AsyncTesting.json("""
                {"RequestID":{"Type":"String","Value":"%s"},"ErrorCode":{"Type":"Number","Value":"200"},
                 "ErrorMessage":{"Type":"String","Value":"intentional failure"}}""".formatted(id)));
    }

    @Test
    void aRecordForAQueueThatDoesNotExistIsCountedAndTheEventStillEnds() {
        AsyncTesting.createPython(lambda, "fails-to-nowhere", AsyncTesting.FAILS);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName("fails-to-nowhere").maximumRetryAttempts(0)
                .destinationConfig(d -> d.onFailure(f -> f.destination(arn("never-created")))));

        AsyncTesting.invokeEvent(lambda, "fails-to-nowhere", "{}");

        AsyncTesting.eventually().untilAsserted(() -> {
            JsonNode health = AsyncTesting.asyncHealth(gust, "fails-to-nowhere");
            assertThat(health.get("destination_delivery_failures").asLong()).isEqualTo(1);
            assertThat(health.get("dropped").asLong()).isEqualTo(1);
            assertThat(health.path("queued").asLong(0)).isZero();
        });
    }

    private static Message receiveOne(String queueUrl) {
        AtomicReference<List<Message>> received = new AtomicReference<>(List.of());
        AsyncTesting.eventually().untilAsserted(() -> {
            received.set(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5).maxNumberOfMessages(10)
                    .messageAttributeNames("All")).messages());
            assertThat(received.get()).isNotEmpty();
        });
        assertThat(received.get()).as("one message per event").hasSize(1);
        return received.get().getFirst();
    }

    private static void assertAttribute(MessageAttributeValue attribute, String dataType, String value) {
        assertThat(attribute.dataType()).isEqualTo(dataType);
        assertThat(attribute.stringValue()).isEqualTo(value);
    }

    private static String arn(String queueName) {
        return "arn:aws:sqs:us-east-1:000000000000:" + queueName;
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertRefused(Consumer<DestinationConfig.Builder> destinations, String message) {
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName("configured")
                .maximumRetryAttempts(0).destinationConfig(destinations)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }
}
