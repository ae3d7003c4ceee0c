package dev.gust.sns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One subscription of a topic: where it delivers ({@code protocol}, {@code endpoint}), the attributes its owner set
 * ({@code RawMessageDelivery}, {@code FilterPolicy}, {@code FilterPolicyScope}, {@code RedrivePolicy},
 * {@code DeliveryPolicy}), whether it is confirmed, and its filter compiled once. Immutable.
 *
 * @param key its topic and id
 * @param protocol {@code lambda}, {@code sqs}, {@code http} or {@code https}
 * @param endpoint the function's or queue's ARN, or the URL
 * @param owner the account that subscribed
 * @param attributes the attributes set, by name
 * @param confirmed whether it is confirmed (HTTP endpoints confirm through the SubscribeURL; the others at once)
 * @param token the confirmation token of an HTTP subscription (still valid once confirmed), else {@code null}
 * @param authenticated whether the confirmation was authenticated (a signed ConfirmSubscription)
 * @param filter its compiled filter policy
 */
record Subscription(TopicKey.SubscriptionKey key, String protocol, String endpoint, String owner,
        Map<String, String> attributes, boolean confirmed, String token, boolean authenticated, FilterPolicy filter) {

    Subscription {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(owner, "owner");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        Objects.requireNonNull(filter, "filter");
    }

    String arn() {
        return key.arn();
    }

    /** Whether messages go out without the JSON envelope. */
    boolean raw() {
        return "true".equals(attributes.get("RawMessageDelivery"));
    }

    /** Whether this delivers over HTTP or HTTPS (confirmation flow, the HTTP delivery policy). */
    boolean http() {
        return protocol.equals("http") || protocol.equals("https");
    }

    /** The same subscription with its attributes replaced and the filter compiled from them. */
    Subscription withAttributes(Map<String, String> changed, FilterPolicy compiled) {
        return new Subscription(key, protocol, endpoint, owner, changed, confirmed, token, authenticated, compiled);
    }

    /** The same subscription, confirmed. */
    Subscription confirm(boolean byAuthenticatedRequest) {
        return new Subscription(key, protocol, endpoint, owner, attributes, true, token, byAuthenticatedRequest, filter);
    }
}
