package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.messaging.DestinationNotFoundException;
import dev.gust.core.messaging.MessageAttribute;
import dev.gust.core.messaging.OutgoingMessage;
import dev.gust.core.messaging.QueueDirectory;
import dev.gust.core.messaging.QueueMessages;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * SQS for Gust's own services: sends a message to a queue on a service's behalf (SNS, Lambda's destinations), with no
 * IAM check of any caller, and answers whether a queue exists (the Lambda API, for an event source mapping). Speaks
 * JSON 1.0 to the queue's namespace directly, never through the edge. A send completes once the message is durable.
 * Thread-safe.
 */
public final class SqsQueueMessages implements QueueMessages, QueueDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsNamespaces namespaces;
    private final SqsProxy proxy;

    SqsQueueMessages(SqsNamespaces namespaces, SqsProxy proxy) {
        this.namespaces = namespaces;
        this.proxy = proxy;
    }

    /**
     * The URL of the queue {@code queueArn} names at Gust's edge {@code endpoint} ({@code http://host:port}):
     * {@code http://host:port/ACCOUNT/NAME}, for a client of the edge such as the poller's AWS SDK.
     */
    public static String queueUrl(String endpoint, String queueArn) {
        return QueueAddress.fromArn(queueArn).orElseThrow(() -> new IllegalArgumentException("not a queue ARN: "
                + queueArn)).url(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    }

    @Override
    public CompletionStage<String> send(String queueArn, OutgoingMessage message) {
        ObjectNode request = JSON.createObjectNode();
        request.put("MessageBody", message.body());
        if (message.messageGroupId() != null) {
            request.put("MessageGroupId", message.messageGroupId());
        }
        if (message.messageDeduplicationId() != null) {
            request.put("MessageDeduplicationId", message.messageDeduplicationId());
        }
        if (!message.attributes().isEmpty()) {
            ObjectNode attributes = request.putObject("MessageAttributes");
            for (Map.Entry<String, MessageAttribute> a : message.attributes().entrySet()) {
                ObjectNode value = attributes.putObject(a.getKey());
                value.put("DataType", a.getValue().dataType());
                if (a.getValue().stringValue() != null) {
                    value.put("StringValue", a.getValue().stringValue());
                } else {
                    value.put("BinaryValue", Base64.getEncoder().encodeToString(a.getValue().binaryValue()));
                }
            }
        }
        return call(queueArn, "SendMessage", request).thenApply(answer -> answer.path("MessageId").asText());
    }

    @Override
    public boolean exists(String queueArn) {
        Optional<QueueAddress> queue = QueueAddress.fromArn(queueArn);
        if (queue.isEmpty() || namespaces.existing(queue.get().account()).isEmpty()) {
            return false;
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("QueueName", queue.get().name());
        try {
            call(queueArn, "GetQueueUrl", request).toCompletableFuture().get(30, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof DestinationNotFoundException) {
                return false;
            }
            throw new IllegalStateException("SQS did not answer whether " + queueArn + " exists", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("SQS did not answer whether " + queueArn + " exists", e);
        }
    }

    /** Calls {@code action} on the queue's namespace with {@code request} (its {@code QueueUrl} added). */
    private CompletionStage<JsonNode> call(String queueArn, String action, ObjectNode request) {
        Optional<QueueAddress> queue = QueueAddress.fromArn(queueArn);
        Optional<CompletableFuture<QueueEngine>> engine = queue.flatMap(q -> namespaces.existing(q.account()));
        if (engine.isEmpty()) {
            return CompletableFuture.failedFuture(new DestinationNotFoundException(queueArn));
        }
        return engine.get().thenCompose(e -> {
            String host = "127.0.0.1:" + e.port();
            if (!request.has("QueueName")) {
                request.put("QueueUrl", queue.get().url("http://" + host));
            }
            MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                    .add("Content-Type", "application/x-amz-json-1.0")
                    .add("X-Amz-Target", "AmazonSQS." + action);
            Buffer body;
            try {
                body = Buffer.buffer(JSON.writeValueAsBytes(request));
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
            return proxy.forward(e.port(), "/", headers, host, body).toCompletionStage();
        }).thenApply(answer -> {
            JsonNode json;
            try {
                json = JSON.readTree(answer.body().getBytes());
            } catch (IOException malformed) {
                throw new IllegalStateException("SQS answered " + action + " with " + answer.status()
                        + " and no JSON");
            }
            if (answer.status() == 200) {
                return json;
            }
            String type = json.path("__type").asText("");
            String queryError = answer.headers().get("x-amzn-query-error");
            if (type.contains("QueueDoesNotExist") || type.contains("NonExistentQueue")
                    || (queryError != null && queryError.contains("NonExistentQueue"))) {
                throw new DestinationNotFoundException(queueArn);
            }
            throw new IllegalArgumentException(action + " to " + queueArn + " failed: " + type + ": "
                    + json.path("message").asText(json.path("Message").asText("")));
        });
    }
}
