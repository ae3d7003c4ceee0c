package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Whose credentials the SQS pollers use and where they poll: the function's execution role at Gust's edge (IAM
 * evaluated there, the AWS CLI setting up IAM), configured credentials at another endpoint ({@code sqs-endpoints}),
 * and across a restart of the server.
 */
class SqsEventSourceRolesIT {

    private static final String FORWARDER = """
            import boto3, os
            sqs = boto3.client('sqs', endpoint_url=os.environ['AWS_ENDPOINT_URL'])
            def lambda_handler(event, context):
                for record in event['Records']:
                    sqs.send_message(QueueUrl=os.environ['SINK'], MessageBody=record['body'])
            """;
    private static final String TRUST_LAMBDA = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;
    GustProcess gust;

    @TempDir
    Path otherDataDir;
    GustProcess other;

    @AfterEach
    void stop() throws Exception {
        if (gust != null) {
            gust.close();
        }
        if (other != null) {
            other.close();
        }
    }

    private static String arnOf(SqsClient sqs, String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static String receiveOne(SqsClient sqs, String queueUrl) {
        StringBuilder body = new StringBuilder();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages();
            messages.forEach(m -> {
                body.append(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            });
            return !messages.isEmpty();
        });
        return body.toString();
    }

    private void iam(String script) throws Exception {
        ReadmeShell.Result result = new ReadmeShell(work, gust).bash(
                "aws() { /usr/bin/aws --endpoint-url \"$AWS_ENDPOINT_URL\" \"$@\"; }\n" + script);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void thePollersReceiveOnlyWhatTheExecutionRoleAllows() throws Exception {
        gust = GustProcess.start(dataDir);
        try (LambdaClient lambda = LambdaClients.forServer(gust.endpoint());
                SqsClient sqs = SqsClients.forServer(gust.endpoint())) {
            iam("""
                    aws iam create-role --role-name narrow --assume-role-policy-document '%s' > /dev/null
                    aws iam put-role-policy --role-name narrow --policy-name logs --policy-document \
                        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}'
                    """.formatted(TRUST_LAMBDA));
            String source = sqs.createQueue(b -> b.queueName("guarded")).queueUrl();
            String sink = sqs.createQueue(b -> b.queueName("guarded-sink")).queueUrl();
            lambda.createFunction(b -> b.functionName("guarded-fn").runtime("python3.12")
                    .role("arn:aws:iam::000000000000:role/narrow").handler("lambda_function.lambda_handler")
                    .environment(e -> e.variables(Map.of("SINK", sink)))
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("lambda_function.py", FORWARDER))))));
            String uuid = lambda.createEventSourceMapping(b -> b.functionName("guarded-fn")
                    .eventSourceArn(arnOf(sqs, source)).batchSize(1)).uuid();
            sqs.sendMessage(b -> b.queueUrl(source).messageBody("allowed later"));

            await().atMost(Duration.ofSeconds(60)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid))
                    .lastProcessingResult(), result -> result != null && result.startsWith("PROBLEM: "));
            assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).lastProcessingResult())
                    .contains("not authorized").contains("sqs:ReceiveMessage");

            iam("""
                    aws iam put-role-policy --role-name narrow --policy-name queues --policy-document \
                        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sqs:ReceiveMessage",\
                    "sqs:DeleteMessage","sqs:GetQueueAttributes","sqs:SendMessage"],"Resource":"*"}]}'
                    """);
            assertThat(receiveOne(sqs, sink)).isEqualTo("allowed later");
            await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid))
                    .lastProcessingResult() == null);
        }
    }

    @Test
    void aMappingPollsAgainAfterARestart() throws Exception {
        gust = GustProcess.start(dataDir);
        String source;
        String sink;
        try (LambdaClient lambda = LambdaClients.forServer(gust.endpoint());
                SqsClient sqs = SqsClients.forServer(gust.endpoint())) {
            source = sqs.createQueue(b -> b.queueName("lasting")).queueUrl();
            sink = sqs.createQueue(b -> b.queueName("lasting-sink")).queueUrl();
            String sourceUrl = source;
            String sinkUrl = sink;
            new TestFunctions(lambda).create("lasting-fn", "python3.12", "lambda_function.lambda_handler",
                    Map.of("lambda_function.py", FORWARDER), b -> b.environment(e -> e.variables(Map.of("SINK", sinkUrl))));
            String uuid = lambda.createEventSourceMapping(b -> b.functionName("lasting-fn")
                    .eventSourceArn(arnOf(sqs, sourceUrl)).batchSize(1)).uuid();
            await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid))
                    .state(), "Enabled"::equals);
            sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody("before"));
            assertThat(receiveOne(sqs, sink)).isEqualTo("before");
        }
        gust.close();
        gust = GustProcess.start(dataDir);
        try (SqsClient sqs = SqsClients.forServer(gust.endpoint())) {
            String sourceUrl = source.replaceFirst("//[^/]+/", "//" + gust.endpoint().getAuthority() + "/");
            String sinkUrl = sink.replaceFirst("//[^/]+/", "//" + gust.endpoint().getAuthority() + "/");
            sqs.sendMessage(b -> b.queueUrl(sourceUrl).messageBody("after"));
            assertThat(receiveOne(sqs, sinkUrl)).isEqualTo("after");
        }
    }

    @Test
    void aMappingConsumesAQueueOfAnotherEndpointWithConfiguredCredentials() throws Exception {
        // the other server stands for AWS: its queue is reached with keys from the environment (the default chain)
        other = GustProcess.start(otherDataDir);
        gust = GustProcess.start(dataDir, Map.of(
                "GUST_SQS_ENDPOINTS", "arn:aws:sqs:us-east-1:000000000000:outside=" + other.endpoint(),
                "AWS_ACCESS_KEY_ID", GustProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GustProcess.SECRET_KEY));
        try (LambdaClient lambda = LambdaClients.forServer(gust.endpoint());
                SqsClient sqs = SqsClients.forServer(gust.endpoint());
                SqsClient outside = SqsClients.forServer(other.endpoint())) {
            String queue = outside.createQueue(b -> b.queueName("outside")).queueUrl();
            String sink = sqs.createQueue(b -> b.queueName("outside-sink")).queueUrl();
            new TestFunctions(lambda).create("outside-fn", "python3.12", "lambda_function.lambda_handler",
                    Map.of("lambda_function.py", FORWARDER), b -> b.environment(e -> e.variables(Map.of("SINK", sink))));
            String uuid = lambda.createEventSourceMapping(b -> b.functionName("outside-fn")
                    .eventSourceArn(arnOf(outside, queue)).batchSize(1)).uuid();
            await().atMost(Duration.ofSeconds(30)).until(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid))
                    .state(), "Enabled"::equals);

            outside.sendMessage(b -> b.queueUrl(queue).messageBody("from afar"));

            assertThat(receiveOne(sqs, sink)).isEqualTo("from afar");
            await().atMost(Duration.ofSeconds(30)).until(() -> outside.getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE), "0"::equals);
            assertThat(sqs.listQueues().queueUrls()).noneMatch(url -> url.endsWith("/outside"));
        }
    }
}
