package dev.gust.sqs;

import java.util.Map;

/**
 * The top-level members of each SQS operation's input, as AWS's model declares them: their types, and which are
 * required. Lets the edge refuse a request that lacks a required member or gives one the wrong type (in JSON) with
 * AWS's error before ElasticMQ sees it. Constants.
 */
final class SqsShapes {

    private SqsShapes() {
    }

    /** A member's type in the model. */
    enum Type { STRING, INTEGER, LIST, MAP }

    /** One operation's input: its members by name and its required members. */
    record Input(Map<String, Type> members, java.util.List<String> required) {
    }

    private static final Type S = Type.STRING;
    private static final Type I = Type.INTEGER;
    private static final Type L = Type.LIST;
    private static final Type M = Type.MAP;

    static final Map<String, Input> INPUTS = Map.ofEntries(
            Map.entry("AddPermission", input(Map.of("QueueUrl", S, "Label", S, "AWSAccountIds", L, "Actions", L),
                    "QueueUrl", "Label", "AWSAccountIds", "Actions")),
            Map.entry("ChangeMessageVisibility", input(Map.of("QueueUrl", S, "ReceiptHandle", S,
                    "VisibilityTimeout", I), "QueueUrl", "ReceiptHandle", "VisibilityTimeout")),
            Map.entry("ChangeMessageVisibilityBatch", input(Map.of("QueueUrl", S, "Entries", L), "QueueUrl",
                    "Entries")),
            Map.entry("CreateQueue", input(Map.of("QueueName", S, "Attributes", M, "tags", M), "QueueName")),
            Map.entry("DeleteMessage", input(Map.of("QueueUrl", S, "ReceiptHandle", S), "QueueUrl", "ReceiptHandle")),
            Map.entry("DeleteMessageBatch", input(Map.of("QueueUrl", S, "Entries", L), "QueueUrl", "Entries")),
            Map.entry("DeleteQueue", input(Map.of("QueueUrl", S), "QueueUrl")),
            Map.entry("GetQueueAttributes", input(Map.of("QueueUrl", S, "AttributeNames", L), "QueueUrl")),
            Map.entry("GetQueueUrl", input(Map.of("QueueName", S, "QueueOwnerAWSAccountId", S), "QueueName")),
            Map.entry("ListDeadLetterSourceQueues", input(Map.of("QueueUrl", S, "NextToken", S, "MaxResults", I),
                    "QueueUrl")),
            Map.entry("ListQueueTags", input(Map.of("QueueUrl", S), "QueueUrl")),
            Map.entry("ListQueues", input(Map.of("QueueNamePrefix", S, "NextToken", S, "MaxResults", I))),
            Map.entry("PurgeQueue", input(Map.of("QueueUrl", S), "QueueUrl")),
            Map.entry("ReceiveMessage", input(Map.of("QueueUrl", S, "AttributeNames", L, "MessageSystemAttributeNames",
                    L, "MessageAttributeNames", L, "MaxNumberOfMessages", I, "VisibilityTimeout", I,
                    "WaitTimeSeconds", I, "ReceiveRequestAttemptId", S), "QueueUrl")),
            Map.entry("RemovePermission", input(Map.of("QueueUrl", S, "Label", S), "QueueUrl", "Label")),
            Map.entry("SendMessage", input(Map.of("QueueUrl", S, "MessageBody", S, "DelaySeconds", I,
                    "MessageAttributes", M, "MessageSystemAttributes", M, "MessageDeduplicationId", S,
                    "MessageGroupId", S), "QueueUrl", "MessageBody")),
            Map.entry("SendMessageBatch", input(Map.of("QueueUrl", S, "Entries", L), "QueueUrl", "Entries")),
            Map.entry("SetQueueAttributes", input(Map.of("QueueUrl", S, "Attributes", M), "QueueUrl", "Attributes")),
            Map.entry("TagQueue", input(Map.of("QueueUrl", S, "Tags", M), "QueueUrl", "Tags")),
            Map.entry("UntagQueue", input(Map.of("QueueUrl", S, "TagKeys", L), "QueueUrl", "TagKeys")),
            Map.entry("StartMessageMoveTask", input(Map.of("SourceArn", S, "DestinationArn", S,
                    "MaxNumberOfMessagesPerSecond", I), "SourceArn")),
            Map.entry("CancelMessageMoveTask", input(Map.of("TaskHandle", S), "TaskHandle")),
            Map.entry("ListMessageMoveTasks", input(Map.of("SourceArn", S, "MaxResults", I), "SourceArn")));

    private static Input input(Map<String, Type> members, String... required) {
        return new Input(members, java.util.List.of(required));
    }
}
