package dev.gust.sns;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers to an {@code http} or {@code https} subscription as AWS does: a {@code POST} of the JSON envelope (or the
 * raw message) as {@code text/plain; charset=UTF-8}, with the {@code x-amz-sns-*} headers, within 15 seconds. A 2xx
 * answer is a delivery; a 5xx, a 429, a timeout or a refused connection is retried; any other answer is a client-side
 * failure. Thread-safe.
 */
final class HttpDeliverer implements Deliverer {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
    private final Envelopes envelopes;

    HttpDeliverer(Envelopes envelopes) {
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public void deliver(Subscription subscription, Notification n) throws DeliveryFailure {
        boolean raw = subscription.raw() && !n.confirmation();
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(subscription.endpoint())).timeout(TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw DeliveryFailure.permanent("not a URL: " + subscription.endpoint());
        }
        request.header("Content-Type", "text/plain; charset=UTF-8")
                .header("User-Agent", "Amazon Simple Notification Service Agent")
                .header("x-amz-sns-message-type", n.type())
                .header("x-amz-sns-message-id", n.messageId())
                .header("x-amz-sns-topic-arn", n.topicArn());
        if (!n.confirmation()) {
            request.header("x-amz-sns-subscription-arn", subscription.arn());
        }
        if (raw) {
            request.header("x-amz-sns-rawdelivery", "true");
        }
        String body = raw ? n.message() : envelopes.envelope(n, subscription);
        HttpResponse<Void> response;
        try {
            response = client.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw DeliveryFailure.retryable("cannot reach " + subscription.endpoint() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryFailure.retryable("interrupted", e);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        if (status >= 500 || status == 429) {
            throw DeliveryFailure.retryable(subscription.endpoint() + " answered " + status, null);
        }
        throw DeliveryFailure.permanent(subscription.endpoint() + " answered " + status);
    }
}
