package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQS calls the queue scenarios make, in the JSON 1.0 protocol the AWS SDKs speak, signed with SigV4 over
 * {@link HttpClient}: a raw client with no retries and no SDK, so that the raw receive-and-delete loop measures the
 * queue behind Gust's edge and little else. Thread-safe.
 */
final class SqsHttp {

    /** One received message. */
    record Received(String receiptHandle, String body) {
    }

    private final int port;
    private final SigV4Signer signer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    SqsHttp(int port, SigV4Signer signer) {
        this.port = port;
        this.signer = signer;
    }

    /** CreateQueue; returns the queue's URL. */
    String createQueue(String name) throws IOException {
        return call("CreateQueue", request().put("QueueName", name)).path("QueueUrl").asText();
    }

    /** The queue's ARN (GetQueueAttributes). */
    String queueArn(String queueUrl) throws IOException {
        return attributes(queueUrl, "QueueArn").path("QueueArn").asText();
    }

    void send(String queueUrl, String body) throws IOException {
        call("SendMessage", request().put("QueueUrl", queueUrl).put("MessageBody", body));
    }

    /** SendMessageBatch of at most 10 bodies; fails if any entry failed. */
    void sendBatch(String queueUrl, List<String> bodies) throws IOException {
        ObjectNode request = request().put("QueueUrl", queueUrl);
        var entries = request.putArray("Entries");
        for (int i = 0; i < bodies.size(); i++) {
            entries.addObject().put("Id", "m" + i).put("MessageBody", bodies.get(i));
        }
        JsonNode answer = call("SendMessageBatch", request);
        if (!answer.path("Failed").isEmpty()) {
            throw new IOException("SendMessageBatch failed entries: " + answer.path("Failed"));
        }
    }

    /** ReceiveMessage of up to {@code max} messages, waiting up to {@code waitSeconds} for the first. */
    List<Received> receive(String queueUrl, int max, int waitSeconds) throws IOException {
        JsonNode answer = call("ReceiveMessage", request().put("QueueUrl", queueUrl).put("MaxNumberOfMessages", max)
                .put("WaitTimeSeconds", waitSeconds));
        List<Received> received = new ArrayList<>();
        for (JsonNode m : answer.path("Messages")) {
            received.add(new Received(m.path("ReceiptHandle").asText(), m.path("Body").asText()));
        }
        return received;
    }

    /** DeleteMessageBatch of at most 10 receipt handles; fails if any entry failed. */
    void deleteBatch(String queueUrl, List<String> receiptHandles) throws IOException {
        ObjectNode request = request().put("QueueUrl", queueUrl);
        var entries = request.putArray("Entries");
        for (int i = 0; i < receiptHandles.size(); i++) {
            entries.addObject().put("Id", "d" + i).put("ReceiptHandle", receiptHandles.get(i));
        }
        JsonNode answer = call("DeleteMessageBatch", request);
        if (!answer.path("Failed").isEmpty()) {
            throw new IOException("DeleteMessageBatch failed entries: " + answer.path("Failed"));
        }
    }

    /** The messages still in the queue: visible, in flight and delayed. */
    long remaining(String queueUrl) throws IOException {
        JsonNode attributes = attributes(queueUrl, "ApproximateNumberOfMessages",
                "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed");
        return attributes.path("ApproximateNumberOfMessages").asLong()
                + attributes.path("ApproximateNumberOfMessagesNotVisible").asLong()
                + attributes.path("ApproximateNumberOfMessagesDelayed").asLong();
    }

    private JsonNode attributes(String queueUrl, String... names) throws IOException {
        ObjectNode request = request().put("QueueUrl", queueUrl);
        var list = request.putArray("AttributeNames");
        for (String name : names) {
            list.add(name);
        }
        return call("GetQueueAttributes", request).path("Attributes");
    }

    private static ObjectNode request() {
        return LambdaHttp.JSON.createObjectNode();
    }

    private JsonNode call(String action, ObjectNode request) throws IOException {
        byte[] body = LambdaHttp.JSON.writeValueAsBytes(request);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AmazonSQS." + action);
        signer.sign("sqs", "POST", "127.0.0.1:" + port, "/", "", body).forEach(builder::header);
        HttpResponse<String> response = send(http, builder.build());
        LambdaHttp.require(response, 200, "SQS " + action);
        return response.body().isEmpty() ? request() : LambdaHttp.JSON.readTree(response.body());
    }

    /** Sends one request; an interruption is an {@link IOException}. */
    static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
