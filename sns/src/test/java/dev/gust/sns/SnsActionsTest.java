package dev.gust.sns;

import static dev.gust.sns.SnsActionsHarness.element;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.edge.EdgeException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnsActionsTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";

    @TempDir
    Path dir;
    private SnsActionsHarness sns;

    @BeforeEach
    void open() {
        sns = new SnsActionsHarness(dir, InstantSource.fixed(Instant.parse("2026-03-02T10:15:30Z")));
    }

    @AfterEach
    void close() {
        sns.close();
    }

    private static void assertError(Runnable call, String code, int status, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EdgeException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void createTopicIsIdempotentUnlessTheAttributesDiffer() {
        String first = sns.call("CreateTopic", "Name", "orders", "Attributes.entry.1.key", "DisplayName",
                "Attributes.entry.1.value", "Orders");
        assertThat(element(first, "TopicArn")).isEqualTo(TOPIC);
        assertThat(first).startsWith("<CreateTopicResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">")
                .contains("<RequestId>request-1</RequestId>");
        assertThat(element(sns.call("CreateTopic", "Name", "orders"), "TopicArn")).isEqualTo(TOPIC);
        assertError(() -> sns.call("CreateTopic", "Name", "orders", "Attributes.entry.1.key", "DisplayName",
                "Attributes.entry.1.value", "Other"), "InvalidParameter", 400,
                "Invalid parameter: Attributes Reason: Topic already exists with different attributes");
    }

    @Test
    void topicsAreNamedAsAwsNamesThem() {
        assertError(() -> sns.call("CreateTopic", "Name", "bad name"), "InvalidParameter", 400,
                "Invalid parameter: Topic Name");
        assertError(() -> sns.call("CreateTopic", "Name", "x".repeat(257)), "InvalidParameter", 400,
                "Invalid parameter: Topic Name");
        assertError(() -> sns.call("CreateTopic", "Name", "jobs.fifo"), "InvalidParameter", 400,
                "Invalid parameter: Topic Name");
        assertError(() -> sns.call("CreateTopic", "Name", "jobs", "Attributes.entry.1.key", "FifoTopic",
                "Attributes.entry.1.value", "true"), "InvalidParameter", 400, "Invalid parameter: Fifo Topic names "
                + "must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, "
                + "underscores, and hyphens, and must be between 1 and 256 characters long.");
        assertThat(sns.registry.topics(SnsActionsHarness.HOME)).isEmpty();
    }

    @Test
    void aMissingTopicIsNotFoundAndAMalformedArnIsInvalid() {
        assertError(() -> sns.call("GetTopicAttributes", "TopicArn", TOPIC), "NotFound", 404, "Topic does not exist");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", "m"), "NotFound", 404,
                "Topic does not exist");
        assertError(() -> sns.call("GetTopicAttributes", "TopicArn", "arn:aws:sns:nowhere:1:orders"),
                "InvalidParameter", 400, "Invalid parameter: TopicArn");
        assertError(() -> sns.call("Publish", "Message", "m"), "InvalidParameter", 400,
                "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        assertError(() -> sns.call("GetSubscriptionAttributes", "SubscriptionArn", TOPIC + ":abc"), "NotFound", 404,
                "Subscription does not exist");
        assertError(() -> sns.call("ListTagsForResource", "ResourceArn", TOPIC), "ResourceNotFound", 404,
                "Resource does not exist");
    }

    @Test
    void subscribeChecksProtocolsEndpointsAndAttributes() {
        sns.call("CreateTopic", "Name", "orders");
        assertError(() -> sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "email", "Endpoint", "a@b.c"),
                "InvalidParameter", 400, "Invalid parameter: Amazon SNS does not support this protocol string: email");
        assertError(() -> sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "lambda", "Endpoint", "fn"),
                "InvalidParameter", 400, "Invalid parameter: Lambda endpoint ARN");
        assertError(() -> sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "sqs", "Endpoint", "q"),
                "InvalidParameter", 400, "Invalid parameter: SQS endpoint ARN");
        assertError(() -> sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "https", "Endpoint", "http://x"),
                "InvalidParameter", 400, "Invalid parameter: Endpoint must match the specified protocol");
        String function = "arn:aws:lambda:us-east-1:000000000000:function:f";
        assertError(() -> sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "lambda", "Endpoint", function,
                "Attributes.entry.1.key", "RawMessageDelivery", "Attributes.entry.1.value", "true"),
                "InvalidParameter", 400, "Invalid parameter: Attributes Reason: Delivery protocol [lambda] does not "
                        + "support raw message delivery.");
        assertError(() -> sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "sqs", "Endpoint",
                "arn:aws:sqs:us-east-1:000000000000:q", "Attributes.entry.1.key", "FilterPolicy",
                "Attributes.entry.1.value", "{\"a\":"), "InvalidParameter", 400,
                "Invalid parameter: FilterPolicy: failed to parse JSON. Unexpected end-of-input within/between Object "
                        + "entries");
        assertThat(sns.registry.subscriptionsOf(new TopicKey(SnsActionsHarness.HOME, "orders"))).isEmpty();

        String arn = element(sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "lambda", "Endpoint", function),
                "SubscriptionArn");
        assertThat(arn).startsWith(TOPIC + ":");
        assertThat(element(sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "lambda", "Endpoint", function),
                "SubscriptionArn")).as("the same subscription again").isEqualTo(arn);
        assertThat(element(sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "https", "Endpoint",
                "https://example.com/hook"), "SubscriptionArn")).isEqualTo("pending confirmation");
        String attributes = sns.call("GetTopicAttributes", "TopicArn", TOPIC);
        assertThat(attributes).contains("<key>SubscriptionsConfirmed</key>\n        <value>1</value>",
                "<key>SubscriptionsPending</key>\n        <value>1</value>");
    }

    @Test
    void fifoTopicsNeedGroupsAndDeduplicateWithinFiveMinutes() {
        String fifo = element(sns.call("CreateTopic", "Name", "jobs.fifo", "Attributes.entry.1.key", "FifoTopic",
                "Attributes.entry.1.value", "true"), "TopicArn");
        assertError(() -> sns.call("Publish", "TopicArn", fifo, "Message", "m"), "InvalidParameter", 400,
                "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
        assertError(() -> sns.call("Publish", "TopicArn", fifo, "Message", "m", "MessageGroupId", "g"),
                "InvalidParameter", 400, "Invalid parameter: The topic should either have ContentBasedDeduplication "
                        + "enabled or MessageDeduplicationId provided explicitly");
        String first = sns.call("Publish", "TopicArn", fifo, "Message", "m", "MessageGroupId", "g",
                "MessageDeduplicationId", "d1");
        String again = sns.call("Publish", "TopicArn", fifo, "Message", "m", "MessageGroupId", "g",
                "MessageDeduplicationId", "d1");
        String other = sns.call("Publish", "TopicArn", fifo, "Message", "m", "MessageGroupId", "g",
                "MessageDeduplicationId", "d2");
        assertThat(element(again, "MessageId")).isEqualTo(element(first, "MessageId"));
        assertThat(element(other, "MessageId")).isNotEqualTo(element(first, "MessageId"));
        assertThat(element(other, "SequenceNumber")).hasSize(20).isGreaterThan(element(first, "SequenceNumber"));

        sns.call("SetTopicAttributes", "TopicArn", fifo, "AttributeName", "ContentBasedDeduplication",
                "AttributeValue", "true");
        String byContent = sns.call("Publish", "TopicArn", fifo, "Message", "same", "MessageGroupId", "g");
        assertThat(element(sns.call("Publish", "TopicArn", fifo, "Message", "same", "MessageGroupId", "g"),
                "MessageId")).isEqualTo(element(byContent, "MessageId"));
        sns.call("CreateTopic", "Name", "orders");
        assertError(() -> sns.call("SetTopicAttributes", "TopicArn", TOPIC, "AttributeName",
                "ContentBasedDeduplication", "AttributeValue", "true"), "InvalidParameter", 400,
                "Invalid parameter: ContentBasedDeduplication: Content based deduplication can only be set for FIFO "
                        + "topics");
    }

    @Test
    void publishChecksTheMessageAsAwsDoes() {
        sns.call("CreateTopic", "Name", "orders");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", ""), "InvalidParameter", 400,
                "Invalid parameter: Empty message");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", "x".repeat(262_145)),
                "InvalidParameter", 400, "Invalid parameter: Message too long");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", "m", "Subject", "two\nlines"),
                "InvalidParameter", 400, "Invalid parameter: Subject");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", "{\"sqs\":\"x\"}", "MessageStructure",
                "json"), "InvalidParameter", 400, "Invalid parameter: Message Structure - No default entry in JSON "
                + "message body");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", "{", "MessageStructure", "json"),
                "InvalidParameter", 400, "Invalid parameter: Message Structure - JSON message body failed to parse");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", "m", "MessageAttributes.entry.1.Name",
                "n", "MessageAttributes.entry.1.Value.DataType", "Number", "MessageAttributes.entry.1.Value"
                        + ".StringValue", "ten"), "ParameterValueInvalid", 400,
                "Could not cast message attribute 'n' value to number.");
        assertError(() -> sns.call("Publish", "TopicArn", TOPIC, "Message", "m", "MessageAttributes.entry.1.Name",
                "n", "MessageAttributes.entry.1.Value.DataType", "Date", "MessageAttributes.entry.1.Value"
                        + ".StringValue", "x"), "ParameterValueInvalid", 400, "The message attribute 'n' has an "
                + "invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.");
        assertThat(element(sns.call("Publish", "TopicArn", TOPIC, "Message", "m"), "MessageId"))
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void publishBatchAnswersEachEntryAndRefusesMalformedBatches() {
        sns.call("CreateTopic", "Name", "orders");
        String p = "PublishBatchRequestEntries.member.";
        String xml = sns.call("PublishBatch", "TopicArn", TOPIC, p + "1.Id", "ok", p + "1.Message", "m",
                p + "2.Id", "empty", p + "2.Message", "");
        assertThat(xml).contains("<Successful>\n      <member>\n        <Id>ok</Id>", "<Failed>\n      <member>\n"
                + "        <Id>empty</Id>\n        <Code>InvalidParameter</Code>\n        <Message>Invalid parameter: "
                + "Empty message</Message>\n        <SenderFault>true</SenderFault>");
        assertError(() -> sns.call("PublishBatch", "TopicArn", TOPIC), "EmptyBatchRequest", 400,
                "The batch request doesn't contain any entries");
        assertError(() -> sns.call("PublishBatch", "TopicArn", TOPIC, p + "1.Id", "a", p + "1.Message", "m",
                p + "2.Id", "a", p + "2.Message", "m"), "BatchEntryIdsNotDistinct", 400,
                "Two or more batch entries in the request have the same Id.");
        assertError(() -> sns.call("PublishBatch", "TopicArn", TOPIC, p + "1.Id", "a b", p + "1.Message", "m"),
                "InvalidBatchEntryId", 400, "The Id of a batch entry in a batch request doesn't abide by the "
                        + "specification.");
        Map<String, String> eleven = new LinkedHashMap<>(Map.of("TopicArn", TOPIC));
        for (int i = 1; i <= 11; i++) {
            eleven.put(p + i + ".Id", "e" + i);
            eleven.put(p + i + ".Message", "m");
        }
        assertError(() -> sns.call("PublishBatch", eleven), "TooManyEntriesInBatchRequest", 400,
                "The batch request contains more entries than permissible.");
    }

    @Test
    void theTopicPublisherSeamPublishesDurablyOrNamesTheMissingTopic() throws Exception {
        sns.call("CreateTopic", "Name", "orders");
        sns.call("Subscribe", "TopicArn", TOPIC, "Protocol", "sqs", "Endpoint", "arn:aws:sqs:us-east-1:000000000000:q");

        String id = sns.publisher.publish(TOPIC, dev.gust.core.messaging.TopicMessage.of("{\"requestContext\":{}}"))
                .toCompletableFuture().join();

        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(sns.store.due(Long.MAX_VALUE, Set.of(), 10)).singleElement()
                .satisfies(d -> assertThat(StoredDocuments.notification(d.notification()).messageId()).isEqualTo(id));
        assertThatThrownBy(() -> sns.publisher.publish(TOPIC + "-gone", dev.gust.core.messaging.TopicMessage.of("m"))
                .toCompletableFuture().join()).hasCauseInstanceOf(
                        dev.gust.core.messaging.DestinationNotFoundException.class);
    }

    @Test
    void tagsAreAddedReplacedAndRemoved() {
        sns.call("CreateTopic", "Name", "orders", "Tags.member.1.Key", "team", "Tags.member.1.Value", "a");
        sns.call("TagResource", "ResourceArn", TOPIC, "Tags.member.1.Key", "team", "Tags.member.1.Value", "b",
                "Tags.member.2.Key", "env", "Tags.member.2.Value", "dev");
        sns.call("UntagResource", "ResourceArn", TOPIC, "TagKeys.member.1", "env");
        String tags = sns.call("ListTagsForResource", "ResourceArn", TOPIC);
        assertThat(element(tags, "Key")).isEqualTo("team");
        assertThat(element(tags, "Value")).isEqualTo("b");
        assertThat(tags).doesNotContain("env");
    }

    @Test
    void listingPagesByAHundred() {
        for (int i = 0; i < 150; i++) {
            sns.call("CreateTopic", "Name", "t%03d".formatted(i));
        }
        String first = sns.call("ListTopics");
        String token = element(first, "NextToken");
        assertThat(token).isNotNull();
        assertThat(first.split("<TopicArn>").length - 1).isEqualTo(100);
        String second = sns.call("ListTopics", "NextToken", token);
        assertThat(second.split("<TopicArn>").length - 1).isEqualTo(50);
        assertThat(element(second, "TopicArn")).endsWith(":t100");
        assertThat(element(second, "NextToken")).isNull();
    }

    @Test
    void fuzzedRequestsGetOnlyAwsClientErrorsAndChangeNothingWhenRefused() {
        sns.call("CreateTopic", "Name", "orders");
        List<String> names = List.of("Name", "TopicArn", "TargetArn", "ResourceArn", "SubscriptionArn", "Protocol",
                "Endpoint", "Message", "Subject", "MessageStructure", "MessageGroupId", "MessageDeduplicationId",
                "AttributeName", "AttributeValue", "Token", "NextToken", "Attributes.entry.1.key",
                "Attributes.entry.1.value", "Tags.member.1.Key", "Tags.member.1.Value", "TagKeys.member.1",
                "MessageAttributes.entry.1.Name", "MessageAttributes.entry.1.Value.DataType",
                "MessageAttributes.entry.1.Value.StringValue", "MessageAttributes.entry.1.Value.BinaryValue",
                "PublishBatchRequestEntries.member.1.Id", "PublishBatchRequestEntries.member.1.Message");
        List<String> values = List.of("", "x", "%zz", "{", "{}", "[]", "json", "true", "lambda", "sqs", "http",
                TOPIC, TOPIC + ":sub", "arn:aws:sns:nowhere:12:x", "arn:aws:sns:us-east-1:000000000000:nope",
                "arn:aws:lambda:bad:000000000000:function:f", "arn:aws:sqs:us-east-1:000000000000:q", "http://x",
                "String", "Number", "Binary", "String.Array", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery",
                "DeliveryPolicy", "RedrivePolicy", "Policy", "FifoTopic", "{\"a\":[{\"numeric\":[\">\",\"x\"]}]}",
                "a".repeat(300), "é€", "-1");
        Random random = new Random(13);
        int refused = 0;
        for (int i = 0; i < 3_000; i++) {
            String action = List.copyOf(new java.util.TreeSet<>(sns.actions())).get(random.nextInt(
                    sns.actions().size()));
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int n = random.nextInt(5); n >= 0; n--) {
                parameters.put(names.get(random.nextInt(names.size())), values.get(random.nextInt(values.size())));
            }
            if (action.equals("DeleteTopic")) {
                continue; // keeps the topic, so that more actions reach deeper
            }
            try {
                sns.call(action, parameters);
            } catch (EdgeException e) {
                refused++;
                assertThat(e.status()).as(action + " " + parameters).isBetween(400, 499);
                assertThat(e.code()).isNotBlank();
            }
        }
        assertThat(refused).isPositive();
        assertThat(sns.registry.topic(TOPIC)).isPresent();
        assertThat(Set.copyOf(sns.registry.topics(SnsActionsHarness.HOME))).hasSizeLessThan(50);
    }
}
