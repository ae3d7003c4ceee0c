package dev.gust.sqs;

import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import java.util.List;

/**
 * The SQS operations Gust serves, each with the IAM action AWS authorizes it as (a batch is authorized as its single
 * operation: {@code SendMessageBatch} as {@code sqs:SendMessage}) and its kind. Constants.
 */
final class SqsOperations {

    private SqsOperations() {
    }

    static final List<Operation> ALL = List.of(
            op("CreateQueue", "CreateQueue", OperationKind.WRITE),
            op("GetQueueUrl", "GetQueueUrl", OperationKind.READ),
            op("ListQueues", "ListQueues", OperationKind.READ),
            op("DeleteQueue", "DeleteQueue", OperationKind.WRITE),
            op("GetQueueAttributes", "GetQueueAttributes", OperationKind.READ),
            op("SetQueueAttributes", "SetQueueAttributes", OperationKind.WRITE),
            op("SendMessage", "SendMessage", OperationKind.DATA),
            op("SendMessageBatch", "SendMessage", OperationKind.DATA),
            op("ReceiveMessage", "ReceiveMessage", OperationKind.DATA),
            op("DeleteMessage", "DeleteMessage", OperationKind.DATA),
            op("DeleteMessageBatch", "DeleteMessage", OperationKind.DATA),
            op("ChangeMessageVisibility", "ChangeMessageVisibility", OperationKind.DATA),
            op("ChangeMessageVisibilityBatch", "ChangeMessageVisibility", OperationKind.DATA),
            op("PurgeQueue", "PurgeQueue", OperationKind.WRITE),
            op("TagQueue", "TagQueue", OperationKind.WRITE),
            op("UntagQueue", "UntagQueue", OperationKind.WRITE),
            op("ListQueueTags", "ListQueueTags", OperationKind.READ),
            op("ListDeadLetterSourceQueues", "ListDeadLetterSourceQueues", OperationKind.READ),
            op("StartMessageMoveTask", "StartMessageMoveTask", OperationKind.WRITE),
            op("CancelMessageMoveTask", "CancelMessageMoveTask", OperationKind.WRITE),
            op("ListMessageMoveTasks", "ListMessageMoveTasks", OperationKind.READ),
            op("AddPermission", "AddPermission", OperationKind.WRITE),
            op("RemovePermission", "RemovePermission", OperationKind.WRITE));

    /** Operations that change a queue (not its messages): answered only once the change is durable. */
    static boolean changesQueue(String action) {
        return switch (action) {
            case "CreateQueue", "DeleteQueue", "SetQueueAttributes", "TagQueue", "UntagQueue" -> true;
            default -> false;
        };
    }

    private static Operation op(String name, String action, OperationKind kind) {
        return new Operation(name, "sqs:" + action, kind);
    }
}
