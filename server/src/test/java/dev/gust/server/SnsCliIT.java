package dev.gust.server;

import static dev.gust.server.SnsTesting.aws;
import static dev.gust.server.SnsTesting.cli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A topic's lifecycle and SNS's errors with the real AWS CLI ({@code /usr/bin/aws sns}), and {@code PublishBatch}
 * with boto3; SNS is listed among the health endpoint's services.
 */
class SnsCliIT {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;

    @BeforeAll
    static void start() throws Exception {
        gust = AsyncTesting.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @Test
    void aTopicLivesFromCreateTopicToDeleteTopic() throws Exception {
        assertThat(gust.health().path("services").toString()).contains("\"sns\"");
        String topic = SnsTesting.createTopic(gust, "lifecycle", "--attributes", "DisplayName=Life",
                "--tags", "Key=team,Value=core");
        assertThat(topic).isEqualTo(SnsTesting.topicArn("lifecycle"));
        assertThat(aws(gust, "sns", "list-topics").path("Topics").toString()).contains(topic);

        aws(gust, "sns", "set-topic-attributes", "--topic-arn", topic, "--attribute-name", "DisplayName",
                "--attribute-value", "Renamed");
        JsonNode attributes = aws(gust, "sns", "get-topic-attributes", "--topic-arn", topic).path("Attributes");
        assertThat(attributes.path("DisplayName").asText()).isEqualTo("Renamed");
        assertThat(attributes.path("Owner").asText()).isEqualTo(SnsTesting.ACCOUNT);
        assertThat(attributes.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(SnsTesting.JSON.readTree(attributes.path("Policy").asText()).at("/Statement/0/Resource").asText())
                .isEqualTo(topic);
        assertThat(SnsTesting.JSON.readTree(attributes.path("EffectiveDeliveryPolicy").asText())
                .at("/http/defaultHealthyRetryPolicy/numRetries").asInt()).isEqualTo(3);

        String subscription = SnsTesting.subscribe(gust, topic, "sqs", SnsTesting.queueArn("lifecycle-queue"));
        JsonNode listed = aws(gust, "sns", "list-subscriptions").path("Subscriptions");
        assertThat(listed.toString()).contains(subscription, "\"Protocol\":\"sqs\"");
        aws(gust, "sns", "tag-resource", "--resource-arn", topic, "--tags", "Key=env,Value=dev");
        assertThat(aws(gust, "sns", "list-tags-for-resource", "--resource-arn", topic).path("Tags").toString())
                .isEqualTo("[{\"Key\":\"team\",\"Value\":\"core\"},{\"Key\":\"env\",\"Value\":\"dev\"}]");
        aws(gust, "sns", "untag-resource", "--resource-arn", topic, "--tag-keys", "team");

        aws(gust, "sns", "unsubscribe", "--subscription-arn", subscription);
        assertThat(aws(gust, "sns", "list-subscriptions-by-topic", "--topic-arn", topic).path("Subscriptions"))
                .isEmpty();
        aws(gust, "sns", "delete-topic", "--topic-arn", topic);
        aws(gust, "sns", "delete-topic", "--topic-arn", topic);
        assertThat(aws(gust, "sns", "list-topics").path("Topics").toString()).doesNotContain(topic);
    }

    @Test
    void mistakesGetSnsErrors() throws Exception {
        SnsTesting.Cli missing = cli(gust, "sns", "get-topic-attributes", "--topic-arn",
                SnsTesting.topicArn("nowhere"));
        assertThat(missing.exit()).isNotZero();
        // (the CLI notes "reached max retries: 0" with AWS_MAX_ATTEMPTS=1, whatever the error)
        assertThat(missing.output()).contains("An error occurred (NotFound) when calling the GetTopicAttributes "
                + "operation", ": Topic does not exist");
        SnsTesting.Cli badName = cli(gust, "sns", "create-topic", "--name", "no spaces");
        assertThat(badName.output()).contains("(InvalidParameter) when calling the CreateTopic operation",
                ": Invalid parameter: Topic Name");
        String topic = SnsTesting.createTopic(gust, "mistakes");
        assertThat(cli(gust, "sns", "subscribe", "--topic-arn", topic, "--protocol", "carrier-pigeon",
                "--notification-endpoint", "x").output()).contains("Invalid parameter: Amazon SNS does not support "
                + "this protocol string: carrier-pigeon");
        assertThat(cli(gust, "sns", "publish", "--topic-arn", topic, "--message", "m", "--message-group-id", "g",
                "--message-deduplication-id", "d").output()).contains("(InvalidParameter)");
        assertThat(cli(gust, "sns", "set-subscription-attributes", "--subscription-arn", topic + ":nope",
                "--attribute-name", "RawMessageDelivery", "--attribute-value", "true").output())
                .contains("(NotFound) when calling the SetSubscriptionAttributes operation",
                        ": Subscription does not exist");
    }

    @Test
    void boto3PublishesABatchAndReadsEachAnswer() throws Exception {
        String topic = SnsTesting.createTopic(gust, "batch");
        Path script = SnsTesting.script(work, "batch.py", """
                import os, sys, json, boto3
                sns = boto3.client("sns", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
                answer = sns.publish_batch(TopicArn=sys.argv[1], PublishBatchRequestEntries=[
                    {"Id": "one", "Message": "first", "MessageAttributes": {
                        "n": {"DataType": "Number", "StringValue": "1"}}},
                    {"Id": "two", "Message": ""},
                    {"Id": "three", "Message": "third", "Subject": "s"}])
                print(json.dumps({"Successful": answer["Successful"], "Failed": answer["Failed"]}))
                try:
                    sns.publish_batch(TopicArn=sys.argv[1], PublishBatchRequestEntries=[
                        {"Id": "same", "Message": "a"}, {"Id": "same", "Message": "b"}])
                except sns.exceptions.BatchEntryIdsNotDistinctException as e:
                    print("refused", e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"])
                """);
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", script.toString(), topic)
                .redirectErrorStream(true);
        ReadmeShell.clientEnvironment(builder.environment(), gust);
        Process python = builder.start();
        String output = new String(python.getInputStream().readAllBytes());
        assertThat(python.waitFor()).as(output).isZero();
        JsonNode answer = SnsTesting.JSON.readTree(output.lines().findFirst().orElseThrow());
        assertThat(answer.path("Successful").findValuesAsText("Id")).containsExactly("one", "three");
        assertThat(answer.path("Successful").findValuesAsText("MessageId")).allMatch(id -> id.length() == 36);
        assertThat(answer.path("Failed").toString()).isEqualTo("[{\"Id\":\"two\",\"Code\":\"InvalidParameter\","
                + "\"Message\":\"Invalid parameter: Empty message\",\"SenderFault\":true}]");
        assertThat(output).contains("refused BatchEntryIdsNotDistinct 400");
    }
}
