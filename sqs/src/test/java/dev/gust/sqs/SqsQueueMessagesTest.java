package dev.gust.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Account;
import dev.gust.core.messaging.DestinationNotFoundException;
import dev.gust.core.messaging.MessageAttribute;
import dev.gust.core.messaging.OutgoingMessage;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seams other modules use ({@code QueueMessages}, {@code QueueDirectory}) over a real embedded ElasticMQ and its
 * journal: a missing queue, a send that survives closing and reopening the namespaces on the same folder.
 */
class SqsQueueMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Account ACCOUNT = new Account("000000000000", "us-east-1");
    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:orders";

    @TempDir
    Path sqsDir;
    Vertx vertx;
    SqsNamespaces namespaces;
    SqsProxy proxy;
    SqsQueueMessages messages;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        openNamespaces();
    }

    private void openNamespaces() {
        namespaces = new SqsNamespaces(sqsDir);
        proxy = new SqsProxy(vertx);
        messages = new SqsQueueMessages(namespaces, proxy);
    }

    @AfterEach
    void close() throws Exception {
        proxy.close();
        namespaces.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void aMissingQueueDoesNotExistAndANamespaceWithNoQueuesIsNotStarted() {
        assertThat(messages.exists(ARN)).isFalse();
        assertThat(Files.exists(sqsDir.resolve("000000000000"))).isFalse();
        assertThat(messages.exists("not an arn")).isFalse();
        assertThatThrownBy(() -> messages.send(ARN, OutgoingMessage.of("x")).toCompletableFuture().get(30,
                TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(DestinationNotFoundException.class);
    }

    @Test
    void aSentMessageIsDurableAcrossARestartWithItsAttributes() throws Exception {
        long began = System.nanoTime();
        call("CreateQueue", "{\"QueueName\":\"orders\"}");
        System.out.printf("[measure] the first request of a namespace (ElasticMQ started) took %d ms%n",
                (System.nanoTime() - began) / 1_000_000);
        assertThat(messages.exists(ARN)).isTrue();
        assertThat(messages.exists("arn:aws:sqs:us-east-1:000000000000:other")).isFalse();
        String id = messages.send(ARN, new OutgoingMessage("hello", Map.of("colour", MessageAttribute.string("blue")),
                null, null)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThatThrownBy(() -> messages.send("arn:aws:sqs:us-east-1:000000000000:other", OutgoingMessage.of("x"))
                .toCompletableFuture().get(30, TimeUnit.SECONDS)).cause()
                .isInstanceOf(DestinationNotFoundException.class);

        proxy.close();
        namespaces.close();
        openNamespaces();
        began = System.nanoTime();
        JsonNode received = call("ReceiveMessage", "{\"QueueUrl\":\"http://h/000000000000/orders\","
                + "\"MessageAttributeNames\":[\"All\"],\"WaitTimeSeconds\":1}");
        System.out.printf("[measure] the first request after a restart (ElasticMQ started, queues restored) took "
                + "%d ms%n", (System.nanoTime() - began) / 1_000_000);
        assertThat(received.path("Messages")).hasSize(1);
        JsonNode message = received.path("Messages").get(0);
        assertThat(message.path("MessageId").asText()).isEqualTo(id);
        assertThat(message.path("Body").asText()).isEqualTo("hello");
        assertThat(message.path("MessageAttributes").path("colour").path("StringValue").asText()).isEqualTo("blue");
        assertThat(Files.getPosixFilePermissions(sqsDir.resolve("000000000000/us-east-1/queues.db")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    /** Calls ElasticMQ of the test's namespace in JSON 1.0, as the edge would forward a request. */
    private JsonNode call(String action, String body) throws Exception {
        QueueEngine engine = namespaces.engine(ACCOUNT).get(60, TimeUnit.SECONDS);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/x-amz-json-1.0")
                .add("X-Amz-Target", "AmazonSQS." + action);
        SqsProxy.Answer answer = proxy.forward(engine.port(), "/", headers, "h", Buffer.buffer(body))
                .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return JSON.readTree(answer.body().getBytes());
    }
}
