package dev.gust.eventsources;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What the pollers do with messages that were processed: delete them ({@code DeleteMessageBatch}), ten per request,
 * without waiting for the answers (the pollers need only {@code sqs:ReceiveMessage}, {@code sqs:DeleteMessage} and
 * {@code sqs:GetQueueAttributes}, as AWS's {@code AWSLambdaSQSQueueExecutionRole} grants). A failed delete leaves its messages to come back after the visibility timeout (SQS is at-least-once). Thread-safe.
 */
final class QueueActions {

    private static final Logger LOG = LoggerFactory.getLogger(QueueActions.class);
    private static final int BATCH_MAXIMUM = 10;
    private static final String[] IDS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

    private final SqsAsyncClient sqs;

    QueueActions(SqsAsyncClient sqs) {
        this.sqs = sqs;
    }

    /** Deletes {@code messages} from the queue at {@code queueUrl}. */
    void delete(String queueUrl, List<Message> messages) {
        inTens(messages, chunk -> {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(IDS[i])
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).whenComplete((response, failure) -> {
                if (failure != null) {
                    LOG.warn("DeleteMessageBatch on {} failed: {}", queueUrl, reason(failure));
                } else if (response.hasFailed() && !response.failed().isEmpty()) {
                    LOG.warn("DeleteMessageBatch on {} left {} messages: {}", queueUrl, response.failed().size(),
                            response.failed().getFirst().message());
                }
            });
        });
    }

    /** Runs {@code action} on each run of at most ten messages (a batch request's limit). */
    private static void inTens(List<Message> messages, Consumer<List<Message>> action) {
        for (int from = 0; from < messages.size(); from += BATCH_MAXIMUM) {
            action.accept(messages.subList(from, Math.min(messages.size(), from + BATCH_MAXIMUM)));
        }
    }

    /** The reason an SQS call failed, as a {@code LastProcessingResult} says it (AWS's error message). */
    static String reason(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            return aws.awsErrorDetails().errorMessage() == null ? aws.awsErrorDetails().errorCode()
                    : aws.awsErrorDetails().errorMessage();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
