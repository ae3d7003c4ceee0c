package dev.gust.server;

import dev.gust.server.LambdaRequestFuzzer.FuzzRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of signed, malformed SQS requests in both protocols: query forms (an {@code Action}, known or
 * not, posted to {@code /} or to a queue's URL path, with members of junk values) and JSON 1.0 bodies (an
 * {@code X-Amz-Target} and members of wrong types, or bad JSON). The same seed gives the same requests.
 */
final class SqsRequestFuzzer {

    private static final List<String> ACTIONS = List.of("CreateQueue", "GetQueueUrl", "ListQueues", "DeleteQueue",
            "GetQueueAttributes", "SetQueueAttributes", "SendMessage", "SendMessageBatch", "ReceiveMessage",
            "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility", "ChangeMessageVisibilityBatch",
            "PurgeQueue", "TagQueue", "UntagQueue", "ListQueueTags", "ListDeadLetterSourceQueues",
            "StartMessageMoveTask", "ListMessageMoveTasks", "NoSuchAction", "");
    private static final List<String> PATHS = List.of("/", "/000000000000/fuzz", "/000000000000/nope",
            "/000000000000/fuzz.fifo", "/x/y", "/123/fuzz");
    private static final List<String> MEMBERS = List.of("QueueUrl", "QueueName", "MessageBody", "ReceiptHandle",
            "MaxNumberOfMessages", "WaitTimeSeconds", "VisibilityTimeout", "DelaySeconds", "MessageGroupId",
            "Attribute.1.Name", "Attribute.1.Value", "AttributeName.1", "MessageAttribute.1.Name",
            "MessageAttribute.1.Value.DataType", "MessageAttribute.1.Value.StringValue",
            "SendMessageBatchRequestEntry.1.Id", "SendMessageBatchRequestEntry.1.MessageBody",
            "DeleteMessageBatchRequestEntry.1.ReceiptHandle", "Tag.1.Key", "SourceArn", "NextToken", "MaxResults");
    private static final List<String> VALUES = List.of("", "x", "a".repeat(3000), "%zz", "-1", "999",
            "99999999999999999999", "é€", "http://127.0.0.1/000000000000/fuzz", "http://h/000000000000/nope",
            "fuzz", "fuzz.fifo", "bad name!", "VisibilityTimeout", "RedrivePolicy", "{\"maxReceiveCount\":0}",
            "arn:aws:sqs:us-east-1:000000000000:fuzz", "String", "Binary", "All");
    private static final List<String> JSON_BODIES = List.of("{}", "{", "null", "[]", "7",
            "{\"QueueUrl\":1}", "{\"QueueName\":[]}", "{\"QueueUrl\":\"http://h/000000000000/fuzz\",\"MessageBody\":{}}",
            "{\"QueueUrl\":\"http://h/000000000000/fuzz\",\"MaxNumberOfMessages\":1e999}",
            "{\"QueueUrl\":\"http://h/000000000000/fuzz\",\"Entries\":[{\"Id\":1}]}",
            "{\"QueueUrl\":\"http://h/000000000000/fuzz\",\"Entries\":\"x\"}",
            "{\"QueueName\":\"fuzz2\",\"Attributes\":{\"VisibilityTimeout\":[1]}}",
            "{\"QueueName\":\"fuzz3\",\"Attributes\":{\"RedrivePolicy\":\"{\\\"maxReceiveCount\\\":\\\"x\\\"}\"}}",
            "{\"QueueUrl\":\"http://h/000000000000/fuzz\",\"ReceiptHandle\":\"%zz\"}",
            "{\"QueueUrl\":\"http://h/000000000000/fuzz\",\"MessageBody\":\"x\",\"MessageAttributes\":"
                    + "{\"a\":{\"DataType\":\"Binary\",\"BinaryValue\":\"not base64!\"}}}",
            "{\"SourceArn\":\"arn:aws:sqs:us-east-1:000000000000:nope\"}");

    private final URI endpoint;
    private final Random random;

    SqsRequestFuzzer(URI endpoint, long seed) {
        this.endpoint = endpoint;
        this.random = new Random(seed);
    }

    FuzzRequest next() {
        Map<String, String> headers = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        String path = pick(PATHS);
        if (random.nextBoolean()) {
            headers.put("Content-Type", "application/x-amz-json-1.0");
            headers.put("X-Amz-Target", "AmazonSQS." + pick(ACTIONS));
            body.append(pick(JSON_BODIES));
        } else {
            headers.put("Content-Type", random.nextInt(5) == 0 ? "application/json"
                    : "application/x-www-form-urlencoded; charset=utf-8");
            body.append("Action=").append(RawHttp.encode(pick(ACTIONS))).append("&Version=2012-11-05");
            for (int m = random.nextInt(6); m > 0; m--) {
                body.append('&').append(RawHttp.encode(pick(MEMBERS))).append('=')
                        .append(random.nextInt(8) == 0 ? "%zz" : RawHttp.encode(pick(VALUES)));
            }
        }
        String method = random.nextInt(10) == 0 ? "GET" : "POST";
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new FuzzRequest("sqs: " + method + " " + path + " " + headers.getOrDefault("X-Amz-Target", "") + " "
                + body, RawHttp.signedFor(endpoint, "sqs", method, path, headers, bytes));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
