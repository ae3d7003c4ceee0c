package dev.gust.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Optional;

/**
 * How SNS retries a failed delivery, in AWS's four phases: immediate retries, retries at the minimum delay, a
 * backoff phase from the minimum to the maximum delay (linear, arithmetic, geometric or exponential), and retries at
 * the maximum delay; {@code numRetries} bounds them all. Immutable.
 *
 * @param numRetries the retries after the first attempt
 * @param numNoDelayRetries the immediate retries
 * @param numMinDelayRetries the retries at {@code minDelayTarget}
 * @param numMaxDelayRetries the retries at {@code maxDelayTarget}, last
 * @param minDelayTarget seconds
 * @param maxDelayTarget seconds
 * @param backoffFunction {@code linear}, {@code arithmetic}, {@code geometric} or {@code exponential}
 */
record RetryPolicy(int numRetries, int numNoDelayRetries, int numMinDelayRetries, int numMaxDelayRetries,
        int minDelayTarget, int maxDelayTarget, String backoffFunction) {

    /**
     * AWS's policy for the endpoints it manages (Lambda, SQS): 3 immediate retries, 2 a second apart, 10 backing off
     * exponentially from 1 to 20 seconds, then 100,000 twenty seconds apart (about 23 days).
     */
    static final RetryPolicy MANAGED = new RetryPolicy(100_015, 3, 2, 100_000, 1, 20, "exponential");
    /** AWS's default policy for HTTP and HTTPS endpoints: 3 retries 20 seconds apart. */
    static final RetryPolicy HTTP_DEFAULT = new RetryPolicy(3, 0, 0, 0, 20, 20, "linear");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The delay before retry number {@code retry} (1 for the first retry), or empty when the policy allows no more.
     */
    Optional<Duration> delayBefore(int retry) {
        if (retry > numRetries) {
            return Optional.empty();
        }
        if (retry <= numNoDelayRetries) {
            return Optional.of(Duration.ZERO);
        }
        if (retry <= numNoDelayRetries + numMinDelayRetries) {
            return Optional.of(Duration.ofSeconds(minDelayTarget));
        }
        int backoff = Math.max(0, numRetries - numNoDelayRetries - numMinDelayRetries - numMaxDelayRetries);
        int step = retry - numNoDelayRetries - numMinDelayRetries;
        if (step > backoff) {
            return Optional.of(Duration.ofSeconds(maxDelayTarget));
        }
        double fraction = backoff == 1 ? 1 : (step - 1) / (double) (backoff - 1);
        double seconds = switch (backoffFunction) {
            case "exponential" -> minDelayTarget * Math.pow(Math.max(1, maxDelayTarget) / (double) Math.max(1,
                    minDelayTarget), fraction);
            case "geometric" -> minDelayTarget + (maxDelayTarget - minDelayTarget) * Math.pow(fraction, 3);
            case "arithmetic" -> minDelayTarget + (maxDelayTarget - minDelayTarget) * Math.pow(fraction, 2);
            default -> minDelayTarget + (maxDelayTarget - minDelayTarget) * fraction;
        };
        return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    /**
     * The HTTP retry policy of a subscription: its own {@code DeliveryPolicy}'s {@code healthyRetryPolicy}, unless
     * its topic's {@code DeliveryPolicy} disables subscription overrides, then the topic's
     * {@code http.defaultHealthyRetryPolicy}, then AWS's default.
     */
    static RetryPolicy forHttp(String topicPolicy, String subscriptionPolicy) {
        JsonNode topic = parse(topicPolicy).path("http");
        if (!topic.path("disableSubscriptionOverrides").asBoolean(false)) {
            JsonNode own = parse(subscriptionPolicy).path("healthyRetryPolicy");
            if (own.isObject()) {
                return of(own);
            }
        }
        JsonNode fallback = topic.path("defaultHealthyRetryPolicy");
        return fallback.isObject() ? of(fallback) : HTTP_DEFAULT;
    }

    private static RetryPolicy of(JsonNode p) {
        int min = p.path("minDelayTarget").asInt(HTTP_DEFAULT.minDelayTarget);
        return new RetryPolicy(p.path("numRetries").asInt(HTTP_DEFAULT.numRetries),
                p.path("numNoDelayRetries").asInt(0), p.path("numMinDelayRetries").asInt(0),
                p.path("numMaxDelayRetries").asInt(0), min, p.path("maxDelayTarget").asInt(Math.max(min,
                        HTTP_DEFAULT.maxDelayTarget)), p.path("backoffFunction").asText("linear"));
    }

    private static JsonNode parse(String policy) {
        if (policy == null || policy.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(policy);
        } catch (Exception e) {
            return JSON.missingNode();
        }
    }
}
