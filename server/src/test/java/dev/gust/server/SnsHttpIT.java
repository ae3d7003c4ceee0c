package dev.gust.server;

import static dev.gust.server.SnsTesting.aws;
import static dev.gust.server.SnsTesting.createTopic;
import static dev.gust.server.SnsTesting.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An HTTP subscriber as AWS's talk to it: the subscription confirmation it confirms by fetching its
 * {@code SubscribeURL}, notifications with the {@code x-amz-sns-*} headers and a signature it verifies, retries by
 * the subscription's delivery policy, and the {@code UnsubscribeURL}. The subscriber is a tiny HTTP server in the
 * test.
 */
class SnsHttpIT {

    @TempDir
    static Path dataDir;
    static GustProcess gust;
    HttpServer subscriber;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    /** How many of the next notifications the subscriber answers with a 500. */
    final AtomicInteger failures = new AtomicInteger();

    record Received(Map<String, String> headers, JsonNode body) {
    }

    @BeforeAll
    static void start() throws Exception {
        gust = AsyncTesting.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @BeforeEach
    void listen() throws Exception {
        subscriber = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        subscriber.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
            headers.put("method", exchange.getRequestMethod());
            received.add(new Received(headers, SnsTesting.JSON.readTree(body)));
            boolean fail = headers.get("x-amz-sns-message-type").equals("Notification")
                    && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
            exchange.sendResponseHeaders(fail ? 500 : 200, -1);
            exchange.close();
        });
        subscriber.start();
    }

    @AfterEach
    void stopListening() {
        subscriber.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + subscriber.getAddress().getPort() + path;
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(30, TimeUnit.SECONDS);
        assertThat(r).as("a request to the subscriber").isNotNull();
        return r;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void confirmsThroughTheSubscribeUrlThenReceivesSignedNotificationsUntilItUnsubscribes() throws Exception {
        String topic = createTopic(gust, "web");
        assertThat(subscribe(gust, topic, "http", url("/hook"))).isEqualTo("pending confirmation");
        assertThat(aws(gust, "sns", "list-subscriptions-by-topic", "--topic-arn", topic)
                .at("/Subscriptions/0/SubscriptionArn").asText()).isEqualTo("PendingConfirmation");
        assertThat(aws(gust, "sns", "get-topic-attributes", "--topic-arn", topic).at("/Attributes/SubscriptionsPending")
                .asText()).isEqualTo("1");

        Received confirmation = next();
        assertThat(confirmation.headers()).containsEntry("method", "POST")
                .containsEntry("x-amz-sns-message-type", "SubscriptionConfirmation")
                .containsEntry("x-amz-sns-topic-arn", topic)
                .containsEntry("Content-Type", "text/plain; charset=UTF-8")
                .doesNotContainKey("x-amz-sns-subscription-arn");
        JsonNode body = confirmation.body();
        assertThat(confirmation.headers().get("x-amz-sns-message-id")).isEqualTo(body.path("MessageId").asText());
        assertThat(body.path("Type").asText()).isEqualTo("SubscriptionConfirmation");
        assertThat(body.path("TopicArn").asText()).isEqualTo(topic);
        assertThat(body.path("Message").asText()).startsWith("You have chosen to subscribe to the topic " + topic);
        assertThat(SnsTesting.signatureVerifies(body, "SigningCertURL")).isTrue();

        aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "before confirmation");
        HttpResponse<String> confirmed = get(body.path("SubscribeURL").asText());
        assertThat(confirmed.statusCode()).isEqualTo(200);
        String subscription = aws(gust, "sns", "list-subscriptions-by-topic", "--topic-arn", topic)
                .at("/Subscriptions/0/SubscriptionArn").asText();
        assertThat(subscription).startsWith(topic + ":");
        assertThat(confirmed.body()).contains("<ConfirmSubscriptionResponse xmlns=\"http://sns.amazonaws.com/doc/"
                + "2010-03-31/\">", "<SubscriptionArn>" + subscription + "</SubscriptionArn>");

        String messageId = aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "after confirmation",
                "--subject", "news").path("MessageId").asText();
        Received notification = next();
        assertThat(notification.headers()).containsEntry("x-amz-sns-message-type", "Notification")
                .containsEntry("x-amz-sns-message-id", messageId).containsEntry("x-amz-sns-topic-arn", topic)
                .containsEntry("x-amz-sns-subscription-arn", subscription);
        assertThat(notification.body().path("Message").asText()).isEqualTo("after confirmation");
        assertThat(notification.body().path("Subject").asText()).isEqualTo("news");
        assertThat(SnsTesting.signatureVerifies(notification.body(), "SigningCertURL")).isTrue();

        assertThat(get(notification.body().path("UnsubscribeURL").asText()).statusCode()).isEqualTo(200);
        assertThat(aws(gust, "sns", "list-subscriptions-by-topic", "--topic-arn", topic).path("Subscriptions"))
                .isEmpty();
        aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "after unsubscribing");
        assertThat(received.poll(3, TimeUnit.SECONDS)).as("nothing after unsubscribing, nor before confirming")
                .isNull();
    }

    @Test
    void retriesAFailedNotificationByTheSubscriptionsDeliveryPolicy() throws Exception {
        String topic = createTopic(gust, "flaky");
        subscribe(gust, topic, "http", url("/flaky"), "--attributes", "{\"DeliveryPolicy\":\"{\\\"healthyRetryPolicy"
                + "\\\":{\\\"numRetries\\\":3,\\\"minDelayTarget\\\":1,\\\"maxDelayTarget\\\":1}}\"}");
        JsonNode confirmation = next().body();
        String subscription = aws(gust, "sns", "confirm-subscription", "--topic-arn", topic, "--token",
                confirmation.path("Token").asText()).path("SubscriptionArn").asText();
        JsonNode attributes = aws(gust, "sns", "get-subscription-attributes", "--subscription-arn", subscription)
                .path("Attributes");
        assertThat(attributes.path("PendingConfirmation").asText()).isEqualTo("false");
        assertThat(SnsTesting.JSON.readTree(attributes.path("EffectiveDeliveryPolicy").asText())
                .at("/healthyRetryPolicy/numRetries").asInt()).isEqualTo(3);
        failures.set(2);

        String messageId = aws(gust, "sns", "publish", "--topic-arn", topic, "--message", "third time lucky")
                .path("MessageId").asText();

        for (int attempt = 1; attempt <= 3; attempt++) {
            Received r = next();
            assertThat(r.headers()).as("attempt " + attempt).containsEntry("x-amz-sns-message-id", messageId);
        }
        assertThat(received.poll(3, TimeUnit.SECONDS)).as("no attempt after a delivery").isNull();
    }

    @Test
    void aWrongTokenConfirmsNothing() throws Exception {
        String topic = createTopic(gust, "tokens");
        subscribe(gust, topic, "http", url("/tokens"));
        next();
        HttpResponse<String> refused = get(gust.endpoint() + "/?Action=ConfirmSubscription&TopicArn=" + topic
                + "&Token=" + "0".repeat(128));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("<Code>InvalidParameter</Code>", "<Message>Invalid parameter: Token"
                + "</Message>");
        assertThat(aws(gust, "sns", "list-subscriptions-by-topic", "--topic-arn", topic)
                .at("/Subscriptions/0/SubscriptionArn").asText()).isEqualTo("PendingConfirmation");
    }
}
