package dev.gust.eventsources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An in-memory SQS queue behind {@link SqsAsyncClient} (and the {@link QueueClients} that open it): visibility timeouts, receive counts, FIFO message groups
 * (a group with a message in flight is not delivered), and a short wait instead of a long poll.
 */
final class FakeSqs implements SqsAsyncClient, QueueClients {

    private static final class Stored {
        final String id = UUID.randomUUID().toString();
        final String body;
        final String group;
        int receives;
        long visibleAt;
        String receipt;

        Stored(String body, String group) {
            this.body = body;
            this.group = group;
        }
    }

    private final ScheduledExecutorService waits = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Stored> messages = new LinkedHashMap<>();
    private final List<String> deleted = new ArrayList<>();
    private final long visibilityMillis;
    private volatile boolean exists = true;
    private boolean closed;

    FakeSqs(long visibilityMillis) {
        this.visibilityMillis = visibilityMillis;
    }

    synchronized String send(String body) {
        return send(body, null);
    }

    synchronized String send(String body, String group) {
        Stored message = new Stored(body, group);
        messages.put(message.id, message);
        return message.id;
    }

    synchronized List<String> deleted() {
        return List.copyOf(deleted);
    }

    synchronized int remaining() {
        return messages.size();
    }

    synchronized int receiveCount(String id) {
        Stored message = messages.get(id);
        return message == null ? -1 : message.receives;
    }

    void exists(boolean exists) {
        this.exists = exists;
    }

    synchronized boolean closed() {
        return closed;
    }

    @Override
    public CompletableFuture<ReceiveMessageResponse> receiveMessage(ReceiveMessageRequest request) {
        if (!exists) {
            return CompletableFuture.failedFuture(QueueDoesNotExistException.builder()
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("QueueDoesNotExist")
                            .errorMessage("The specified queue does not exist.").build()).build());
        }
        List<Message> taken = take(request.maxNumberOfMessages());
        if (!taken.isEmpty() || request.waitTimeSeconds() == 0) {
            return CompletableFuture.completedFuture(ReceiveMessageResponse.builder().messages(taken).build());
        }
        CompletableFuture<ReceiveMessageResponse> later = new CompletableFuture<>();
        waits.schedule(() -> later.complete(ReceiveMessageResponse.builder().messages(take(
                request.maxNumberOfMessages())).build()), 20, TimeUnit.MILLISECONDS);
        return later;
    }

    private synchronized List<Message> take(int maximum) {
        long now = System.currentTimeMillis();
        Set<String> busyGroups = new HashSet<>();
        for (Stored message : messages.values()) {
            if (message.group != null && message.visibleAt > now) {
                busyGroups.add(message.group);
            }
        }
        List<Message> taken = new ArrayList<>();
        for (Stored message : messages.values()) {
            if (taken.size() == maximum) {
                break;
            }
            if (message.visibleAt > now || (message.group != null && busyGroups.contains(message.group))) {
                if (message.group != null) {
                    busyGroups.add(message.group);
                }
                continue;
            }
            message.receives++;
            message.visibleAt = now + visibilityMillis;
            message.receipt = UUID.randomUUID().toString();
            Map<MessageSystemAttributeName, String> attributes = new HashMap<>();
            attributes.put(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, Integer.toString(message.receives));
            attributes.put(MessageSystemAttributeName.SENT_TIMESTAMP, "1523232000000");
            attributes.put(MessageSystemAttributeName.SENDER_ID, "123456789012");
            attributes.put(MessageSystemAttributeName.APPROXIMATE_FIRST_RECEIVE_TIMESTAMP, "1523232000001");
            if (message.group != null) {
                attributes.put(MessageSystemAttributeName.MESSAGE_GROUP_ID, message.group);
            }
            taken.add(Message.builder().messageId(message.id).receiptHandle(message.receipt).body(message.body)
                    .md5OfBody("md5").attributes(attributes).build());
        }
        return taken;
    }

    @Override
    public synchronized CompletableFuture<DeleteMessageBatchResponse> deleteMessageBatch(
            DeleteMessageBatchRequest request) {
        for (DeleteMessageBatchRequestEntry entry : request.entries()) {
            messages.values().stream().filter(m -> entry.receiptHandle().equals(m.receipt)).findFirst()
                    .ifPresent(m -> {
                        messages.remove(m.id);
                        deleted.add(m.id);
                    });
        }
        return CompletableFuture.completedFuture(DeleteMessageBatchResponse.builder().build());
    }

    @Override
    public SqsAsyncClient open(dev.gust.core.esm.EventSourceMapping mapping) {
        return this;
    }

    @Override
    public String queueUrl(dev.gust.core.esm.EventSourceMapping mapping) {
        return "http://sqs.test/000000000000/work";
    }

    @Override
    public String serviceName() {
        return "sqs";
    }

    @Override
    public synchronized void close() {
        closed = true;
        waits.shutdownNow();
    }
}
