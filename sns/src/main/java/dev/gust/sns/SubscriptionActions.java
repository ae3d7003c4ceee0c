package dev.gust.sns;

import dev.gust.core.Account;
import dev.gust.edge.QueryXml;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The subscription actions: {@code Subscribe}, {@code ConfirmSubscription}, {@code Unsubscribe},
 * {@code ListSubscriptions}, {@code ListSubscriptionsByTopic}, {@code GetSubscriptionAttributes} and
 * {@code SetSubscriptionAttributes}. A {@code lambda} or {@code sqs} subscription is confirmed at once; an
 * {@code http(s)} one is pending until its endpoint fetches the {@code SubscribeURL} of the confirmation it is sent.
 * Thread-safe; handlers block on storage.
 */
final class SubscriptionActions {

    static final Set<String> PROTOCOLS = Set.of("lambda", "sqs", "http", "https");
    private static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "FilterPolicy", "FilterPolicyScope",
            "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy");
    private static final String PENDING = "pending confirmation";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SnsRegistry registry;
    private final TopicActions topics;
    private final Publisher publisher;

    SubscriptionActions(SnsRegistry registry, TopicActions topics, Publisher publisher) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
    }

    void register(SnsService.Registry actions) {
        actions.add("Subscribe", this::subscribe);
        actions.add("ConfirmSubscription", request -> confirm(request, true));
        actions.add("Unsubscribe", this::unsubscribe);
        actions.add("ListSubscriptions", this::listSubscriptions);
        actions.add("ListSubscriptionsByTopic", this::listSubscriptionsByTopic);
        actions.add("GetSubscriptionAttributes", this::getSubscriptionAttributes);
        actions.add("SetSubscriptionAttributes", this::setSubscriptionAttributes);
    }

    private String subscribe(SnsRequest request) {
        SnsParameters p = request.parameters();
        Topic topic = topics.topic(p, "TopicArn");
        String protocol = p.require("Protocol").toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw SnsErrors.invalidParameter("Amazon SNS does not support this protocol string: " + p.get("Protocol"));
        }
        String endpoint = p.get("Endpoint");
        checkEndpoint(protocol, endpoint);
        Map<String, String> attributes = new LinkedHashMap<>();
        p.entries("Attributes").forEach((name, value) -> attributes.put(name,
                checkAttribute(protocol, name, value, "Attributes Reason: ")));
        FilterPolicy filter = FilterPolicy.compile(attributes.get("FilterPolicy"), attributes.get("FilterPolicyScope"));
        if (attributes.containsKey("FilterPolicy") && !attributes.containsKey("FilterPolicyScope")) {
            attributes.put("FilterPolicyScope", FilterPolicy.MESSAGE_ATTRIBUTES);
        }
        Subscription subscription;
        boolean created = false;
        synchronized (registry) {
            Optional<Subscription> existing = registry.subscriptionsOf(topic.key()).stream()
                    .filter(s -> s.protocol().equals(protocol) && s.endpoint().equals(endpoint)).findFirst();
            if (existing.isPresent()) {
                subscription = existing.get();
                if (!attributes.isEmpty() && !subscription.attributes().equals(attributes)) {
                    throw SnsErrors.invalidParameter("Attributes Reason: Subscription already exists with different "
                            + "attributes");
                }
            } else {
                boolean http = protocol.startsWith("http");
                subscription = new Subscription(new TopicKey.SubscriptionKey(topic.key(), UUID.randomUUID()
                        .toString()), protocol, endpoint, request.account().accountId(), attributes, !http,
                        http ? token() : null, !http, filter);
                registry.put(subscription);
                created = true;
            }
        }
        if (created && !subscription.confirmed()) {
            publisher.requestConfirmation(subscription);
        }
        String arn = subscription.confirmed() || p.flag("ReturnSubscriptionArn") ? subscription.arn() : PENDING;
        return request.result("Subscribe").element("SubscriptionArn", arn).end(request.requestId());
    }

    private static String token() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void checkEndpoint(String protocol, String endpoint) {
        boolean valid = switch (protocol) {
            case "lambda" -> endpoint != null && LambdaDeliverer.FunctionTarget.parse(endpoint).isPresent();
            case "sqs" -> endpoint != null && endpoint.matches("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]"
                    + "{1,80}(\\.fifo)?");
            case "http" -> endpoint != null && endpoint.regionMatches(true, 0, "http://", 0, 7) && endpoint.length() > 7;
            default -> endpoint != null && endpoint.regionMatches(true, 0, "https://", 0, 8) && endpoint.length() > 8;
        };
        if (!valid) {
            throw SnsErrors.invalidParameter(switch (protocol) {
                case "lambda" -> "Lambda endpoint ARN";
                case "sqs" -> "SQS endpoint ARN";
                default -> "Endpoint must match the specified protocol";
            });
        }
    }

    /** Checks one subscription attribute; its value as stored. */
    private static String checkAttribute(String protocol, String name, String value, String prefix) {
        if (!SETTABLE.contains(name)) {
            throw SnsErrors.invalidParameter(prefix.isEmpty() ? "AttributeName" : prefix + "Unknown attribute "
                    + name);
        }
        switch (name) {
            case "RawMessageDelivery" -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter(prefix + "RawMessageDelivery: Invalid value [" + value
                            + "]. Must be true or false.");
                }
                if (protocol.equals("lambda")) {
                    throw SnsErrors.invalidParameter(prefix + "Delivery protocol [lambda] does not support raw "
                            + "message delivery.");
                }
                return value.toLowerCase(Locale.ROOT);
            }
            case "RedrivePolicy" -> {
                if (!value.isEmpty() && !redrivePolicy(value)) {
                    throw SnsErrors.invalidParameter(prefix + "RedrivePolicy: deadLetterTargetArn is an invalid arn");
                }
                return value;
            }
            case "DeliveryPolicy" -> {
                if (!value.isBlank() && !StoredDocuments.jsonObject(value)) {
                    throw SnsErrors.invalidParameter(prefix + "DeliveryPolicy: failed to parse JSON");
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    private static boolean redrivePolicy(String value) {
        if (!StoredDocuments.jsonObject(value)) {
            return false;
        }
        String target = StoredDocuments.field(value, "deadLetterTargetArn");
        return target != null && target.matches("arn:aws[a-z-]*:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_.-]{1,80}");
    }

    /**
     * Confirms a pending subscription by its token: the action {@code ConfirmSubscription}, or the unsigned
     * {@code SubscribeURL} (then {@code authenticated} is false).
     */
    String confirm(SnsRequest request, boolean authenticated) {
        SnsParameters p = request.parameters();
        Topic topic = topics.topic(p, "TopicArn");
        String token = p.require("Token");
        Subscription confirmed;
        synchronized (registry) {
            Subscription pending = registry.subscriptionsOf(topic.key()).stream()
                    .filter(s -> token.equals(s.token())).findFirst()
                    .orElseThrow(() -> SnsErrors.invalidParameter("Token"));
            confirmed = pending.confirmed() ? pending
                    : pending.confirm(authenticated && p.flag("AuthenticateOnUnsubscribe"));
            if (!pending.confirmed()) {
                registry.put(confirmed);
            }
        }
        return request.result("ConfirmSubscription").element("SubscriptionArn", confirmed.arn())
                .end(request.requestId());
    }

    /** Deletes a subscription: the action, or the unsigned {@code UnsubscribeURL}. */
    String unsubscribe(SnsRequest request) {
        String arn = request.parameters().get("SubscriptionArn");
        if (arn == null || TopicKey.parseSubscription(arn).isEmpty()) {
            throw SnsErrors.invalidParameter("SubscriptionArn");
        }
        registry.subscription(arn).ifPresent(registry::delete); // a second Unsubscribe succeeds, as on AWS
        return request.empty("Unsubscribe");
    }

    /** Whether a subscription may be deleted through its unsigned URL (not after an authenticated confirmation). */
    boolean unsubscribableByUrl(String arn) {
        return registry.subscription(arn).map(s -> !s.authenticated() || !s.http()).orElse(true);
    }

    private String listSubscriptions(SnsRequest request) {
        return list(request, "ListSubscriptions", registry.subscriptions(request.account()));
    }

    private String listSubscriptionsByTopic(SnsRequest request) {
        Topic topic = topics.topic(request.parameters(), "TopicArn");
        return list(request, "ListSubscriptionsByTopic", registry.subscriptionsOf(topic.key()));
    }

    private static String list(SnsRequest request, String action, List<Subscription> subscriptions) {
        Paging.Page<Subscription> page = Paging.page(subscriptions, Subscription::arn,
                request.parameters().get("NextToken"));
        QueryXml xml = request.result(action).open("Subscriptions");
        for (Subscription s : page.items()) {
            xml.open("member").element("SubscriptionArn", s.confirmed() ? s.arn() : "PendingConfirmation")
                    .element("Owner", s.owner()).element("Protocol", s.protocol()).element("Endpoint", s.endpoint())
                    .element("TopicArn", s.key().topic().arn()).close("member");
        }
        return xml.close("Subscriptions").element("NextToken", page.nextToken()).end(request.requestId());
    }

    private Subscription subscription(SnsParameters p) {
        String arn = p.get("SubscriptionArn");
        if (arn == null || TopicKey.parseSubscription(arn).isEmpty()) {
            throw SnsErrors.invalidParameter("SubscriptionId");
        }
        return registry.subscription(arn).orElseThrow(SnsErrors::subscriptionNotFound);
    }

    private String getSubscriptionAttributes(SnsRequest request) {
        Subscription s = subscription(request.parameters());
        Account account = s.key().topic().account();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ConfirmationWasAuthenticated", Boolean.toString(s.authenticated()));
        attributes.put("PendingConfirmation", Boolean.toString(!s.confirmed()));
        attributes.put("Owner", s.owner());
        attributes.put("RawMessageDelivery", Boolean.toString(s.raw()));
        attributes.put("TopicArn", s.key().topic().arn());
        attributes.put("Endpoint", s.endpoint());
        attributes.put("Protocol", s.protocol());
        attributes.put("SubscriptionPrincipal", "arn:" + account.partition() + ":iam::" + s.owner() + ":root");
        attributes.put("SubscriptionArn", s.arn());
        if (s.http()) {
            String topicPolicy = registry.topic(s.key().topic().arn()).map(t -> t.attributes().get("DeliveryPolicy"))
                    .orElse(null);
            attributes.put("EffectiveDeliveryPolicy", effectiveDeliveryPolicy(topicPolicy,
                    s.attributes().get("DeliveryPolicy")));
        }
        s.attributes().forEach(attributes::putIfAbsent);
        QueryXml xml = request.result("GetSubscriptionAttributes");
        TopicActions.entries(xml, attributes);
        return xml.end(request.requestId());
    }

    private static String effectiveDeliveryPolicy(String topicPolicy, String own) {
        RetryPolicy policy = RetryPolicy.forHttp(topicPolicy, own);
        return "{\"healthyRetryPolicy\":{\"minDelayTarget\":" + policy.minDelayTarget() + ",\"maxDelayTarget\":"
                + policy.maxDelayTarget() + ",\"numRetries\":" + policy.numRetries() + ",\"numMaxDelayRetries\":"
                + policy.numMaxDelayRetries() + ",\"numNoDelayRetries\":" + policy.numNoDelayRetries()
                + ",\"numMinDelayRetries\":" + policy.numMinDelayRetries() + ",\"backoffFunction\":\""
                + policy.backoffFunction() + "\"}}";
    }

    private String setSubscriptionAttributes(SnsRequest request) {
        SnsParameters p = request.parameters();
        Subscription s = subscription(p);
        String name = p.require("AttributeName");
        String value = p.get("AttributeValue") == null ? "" : p.get("AttributeValue");
        String checked = checkAttribute(s.protocol(), name, value, "");
        synchronized (registry) {
            Subscription current = registry.subscription(s.arn()).orElseThrow(SnsErrors::subscriptionNotFound);
            Map<String, String> changed = new LinkedHashMap<>(current.attributes());
            if (checked.isEmpty() && (name.equals("FilterPolicy") || name.equals("RedrivePolicy")
                    || name.equals("DeliveryPolicy"))) {
                changed.remove(name);
                if (name.equals("FilterPolicy")) {
                    changed.remove("FilterPolicyScope");
                }
            } else {
                changed.put(name, checked);
                if (name.equals("FilterPolicy")) {
                    changed.putIfAbsent("FilterPolicyScope", FilterPolicy.MESSAGE_ATTRIBUTES);
                }
            }
            FilterPolicy filter = FilterPolicy.compile(changed.get("FilterPolicy"), changed.get("FilterPolicyScope"));
            registry.put(current.withAttributes(changed, filter));
        }
        return request.empty("SetSubscriptionAttributes");
    }
}
