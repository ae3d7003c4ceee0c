package dev.gust.sns;

import dev.gust.edge.QueryXml;
import dev.gust.policy.MalformedPolicyException;
import dev.gust.policy.Policy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The topic actions: {@code CreateTopic}, {@code DeleteTopic}, {@code ListTopics}, {@code GetTopicAttributes} and
 * {@code SetTopicAttributes}, with AWS's validation. Thread-safe; handlers block on storage.
 */
final class TopicActions {

    /** The attributes a topic may be created with or given. */
    private static final Set<String> SETTABLE = Set.of("DeliveryPolicy", "DisplayName", "Policy", "KmsMasterKeyId",
            "SignatureVersion", "TracingConfig", "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope",
            "DataProtectionPolicy", "HTTPSuccessFeedbackRoleArn", "HTTPSuccessFeedbackSampleRate",
            "HTTPFailureFeedbackRoleArn", "LambdaSuccessFeedbackRoleArn", "LambdaSuccessFeedbackSampleRate",
            "LambdaFailureFeedbackRoleArn", "SQSSuccessFeedbackRoleArn", "SQSSuccessFeedbackSampleRate",
            "SQSFailureFeedbackRoleArn", "FirehoseSuccessFeedbackRoleArn", "FirehoseSuccessFeedbackSampleRate",
            "FirehoseFailureFeedbackRoleArn", "ApplicationSuccessFeedbackRoleArn",
            "ApplicationSuccessFeedbackSampleRate", "ApplicationFailureFeedbackRoleArn");
    /** AWS's default delivery policy, which {@code EffectiveDeliveryPolicy} shows until one is set. */
    static final String DEFAULT_DELIVERY_POLICY = "{\"http\":{\"defaultHealthyRetryPolicy\":{\"minDelayTarget\":20,"
            + "\"maxDelayTarget\":20,\"numRetries\":3,\"numMaxDelayRetries\":0,\"numNoDelayRetries\":0,"
            + "\"numMinDelayRetries\":0,\"backoffFunction\":\"linear\"},\"disableSubscriptionOverrides\":false,"
            + "\"defaultRequestPolicy\":{\"headerContentType\":\"text/plain; charset=UTF-8\"}}}";
    private static final int MAX_TAGS = 50;

    private final SnsRegistry registry;

    TopicActions(SnsRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void register(SnsService.Registry actions) {
        actions.add("CreateTopic", this::createTopic);
        actions.add("DeleteTopic", this::deleteTopic);
        actions.add("ListTopics", this::listTopics);
        actions.add("GetTopicAttributes", this::getTopicAttributes);
        actions.add("SetTopicAttributes", this::setTopicAttributes);
    }

    /** The topic a parameter names: {@code InvalidParameter} for a malformed ARN, {@code NotFound} for none. */
    Topic topic(SnsParameters parameters, String name) {
        String arn = parameters.get(name);
        if (arn == null) {
            throw SnsErrors.invalidParameter(name);
        }
        TopicKey.parse(arn).orElseThrow(() -> SnsErrors.invalidParameter(name));
        return registry.requireTopic(arn);
    }

    private String createTopic(SnsRequest request) {
        SnsParameters p = request.parameters();
        String name = p.require("Name");
        Map<String, String> attributes = p.entries("Attributes");
        Map<String, String> tags = p.tags();
        boolean fifo = "true".equalsIgnoreCase(attributes.get("FifoTopic"));
        if (fifo ? !TopicKey.fifoName(name) : !TopicKey.standardName(name)) {
            throw SnsErrors.invalidParameter(fifo ? "Fifo Topic names must end with .fifo and must be made up of "
                    + "only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be "
                    + "between 1 and 256 characters long." : "Topic Name");
        }
        Map<String, String> stored = new LinkedHashMap<>();
        if (attributes.containsKey("FifoTopic")) {
            String value = attributes.get("FifoTopic").toLowerCase(java.util.Locale.ROOT);
            if (!value.equals("true") && !value.equals("false")) {
                throw SnsErrors.invalidParameter("Attributes Reason: FifoTopic: Invalid value [" + value
                        + "]. Must be true or false.");
            }
            if (fifo) {
                stored.put("FifoTopic", "true");
            }
        }
        attributes.forEach((attribute, value) -> {
            if (!attribute.equals("FifoTopic")) {
                stored.put(attribute, checkAttribute(attribute, value, fifo, "Attributes Reason: "));
            }
        });
        checkTags(tags);
        TopicKey key = new TopicKey(request.account(), name);
        synchronized (registry) {
            var existing = registry.topic(key.arn());
            if (existing.isPresent()) {
                if (!existing.get().attributes().equals(merged(existing.get().attributes(), stored))) {
                    throw SnsErrors.invalidParameter("Attributes Reason: Topic already exists with different "
                            + "attributes");
                }
                if (!tags.isEmpty() && !existing.get().tags().equals(tags)) {
                    throw SnsErrors.invalidParameter("Tags Reason: Topic already exists with different tags");
                }
            } else {
                registry.put(new Topic(key, stored, tags));
            }
        }
        return request.result("CreateTopic").element("TopicArn", key.arn()).end(request.requestId());
    }

    private static Map<String, String> merged(Map<String, String> existing, Map<String, String> given) {
        Map<String, String> merged = new LinkedHashMap<>(existing);
        merged.putAll(given);
        return merged;
    }

    /** Checks one settable attribute; its value as stored. */
    static String checkAttribute(String attribute, String value, boolean fifo, String prefix) {
        if (!SETTABLE.contains(attribute)) {
            throw SnsErrors.invalidParameter(prefix.isEmpty() ? "AttributeName" : prefix + "Unknown attribute "
                    + attribute);
        }
        switch (attribute) {
            case "ContentBasedDeduplication" -> {
                if (!fifo) {
                    throw SnsErrors.invalidParameter(prefix + "ContentBasedDeduplication: Content based "
                            + "deduplication can only be set for FIFO topics");
                }
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    throw SnsErrors.invalidParameter(prefix + "ContentBasedDeduplication: Invalid value [" + value
                            + "]. Must be true or false.");
                }
                return value.toLowerCase(java.util.Locale.ROOT);
            }
            case "SignatureVersion" -> {
                if (!value.equals("1") && !value.equals("2")) {
                    throw SnsErrors.invalidParameter(prefix + "SignatureVersion: Invalid value [" + value
                            + "]. Must be 1 or 2.");
                }
                return value;
            }
            case "DeliveryPolicy" -> {
                if (!value.isBlank() && !StoredDocuments.jsonObject(value)) {
                    throw SnsErrors.invalidParameter(prefix + "DeliveryPolicy: failed to parse JSON");
                }
                return value;
            }
            case "Policy" -> {
                try {
                    Policy.resource(value);
                } catch (MalformedPolicyException e) {
                    throw SnsErrors.invalidParameter(prefix + "Policy Error: " + e.getMessage());
                }
                return value;
            }
            default -> {
                return value;
            }
        }
    }

    /** Checks tags as AWS does: at most 50, keys of 1 to 128 characters, values of at most 256. */
    static void checkTags(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw dev.gust.edge.EdgeException.of("TagLimitExceeded", 400,
                    "Could not complete request: tag quota of per resource exceeded");
        }
        tags.forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128 || k.startsWith("aws:")) {
                throw SnsErrors.invalidParameter("Tags Reason: Tag key is invalid: " + k);
            }
            if (v.length() > 256) {
                throw SnsErrors.invalidParameter("Tags Reason: Tag value is invalid: " + v);
            }
        });
    }

    private String deleteTopic(SnsRequest request) {
        String arn = request.parameters().get("TopicArn");
        if (arn == null || TopicKey.parse(arn).isEmpty()) {
            throw SnsErrors.invalidParameter("TopicArn");
        }
        registry.topic(arn).ifPresent(registry::delete); // deleting a topic that does not exist succeeds, as on AWS
        return request.empty("DeleteTopic");
    }

    private String listTopics(SnsRequest request) {
        Paging.Page<Topic> page = Paging.page(registry.topics(request.account()), Topic::arn,
                request.parameters().get("NextToken"));
        QueryXml xml = request.result("ListTopics").open("Topics");
        for (Topic topic : page.items()) {
            xml.open("member").element("TopicArn", topic.arn()).close("member");
        }
        return xml.close("Topics").element("NextToken", page.nextToken()).end(request.requestId());
    }

    private String getTopicAttributes(SnsRequest request) {
        Topic topic = topic(request.parameters(), "TopicArn");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("Policy", topic.attributes().getOrDefault("Policy", defaultPolicy(topic)));
        attributes.put("Owner", topic.key().account().accountId());
        List<Subscription> subscriptions = registry.subscriptionsOf(topic.key());
        long confirmed = subscriptions.stream().filter(Subscription::confirmed).count();
        attributes.put("SubscriptionsPending", Long.toString(subscriptions.size() - confirmed));
        attributes.put("TopicArn", topic.arn());
        attributes.put("EffectiveDeliveryPolicy", topic.attributes().getOrDefault("DeliveryPolicy",
                DEFAULT_DELIVERY_POLICY));
        attributes.put("SubscriptionsConfirmed", Long.toString(confirmed));
        attributes.put("DisplayName", topic.attributes().getOrDefault("DisplayName", ""));
        attributes.put("SubscriptionsDeleted", "0");
        if (topic.fifo()) {
            attributes.put("ContentBasedDeduplication", topic.contentBasedDeduplication() ? "true" : "false");
        }
        topic.attributes().forEach(attributes::putIfAbsent);
        QueryXml xml = request.result("GetTopicAttributes");
        entries(xml, attributes);
        return xml.end(request.requestId());
    }

    /** Writes a map as the query protocol's {@code Attributes}: {@code entry} elements of {@code key} and {@code value}. */
    static void entries(QueryXml xml, Map<String, String> attributes) {
        xml.open("Attributes");
        attributes.forEach((k, v) -> xml.open("entry").element("key", k).element("value", v).close("entry"));
        xml.close("Attributes");
    }

    private String setTopicAttributes(SnsRequest request) {
        SnsParameters p = request.parameters();
        Topic topic = topic(p, "TopicArn");
        String name = p.require("AttributeName");
        String value = p.get("AttributeValue") == null ? "" : p.get("AttributeValue");
        String checked = checkAttribute(name, value, topic.fifo(), "");
        synchronized (registry) {
            registry.put(registry.requireTopic(topic.arn()).withAttribute(name, checked));
        }
        return request.empty("SetTopicAttributes");
    }

    /** The policy a topic has until one is set: its owner may do everything. */
    static String defaultPolicy(Topic topic) {
        String owner = topic.key().account().accountId();
        return "{\"Version\":\"2008-10-17\",\"Id\":\"__default_policy_ID\",\"Statement\":[{\"Sid\":"
                + "\"__default_statement_ID\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":["
                + "\"SNS:GetTopicAttributes\",\"SNS:SetTopicAttributes\",\"SNS:AddPermission\","
                + "\"SNS:RemovePermission\",\"SNS:DeleteTopic\",\"SNS:Subscribe\",\"SNS:ListSubscriptionsByTopic\","
                + "\"SNS:Publish\"],\"Resource\":\"" + topic.arn() + "\",\"Condition\":{\"StringEquals\":{"
                + "\"AWS:SourceOwner\":\"" + owner + "\"}}}]}";
    }
}
