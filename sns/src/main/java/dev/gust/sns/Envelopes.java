package dev.gust.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.messaging.MessageAttribute;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What SNS delivers, shaped as AWS shapes it: the JSON envelope of a notification or a subscription confirmation
 * (to queues and HTTP endpoints; {@code SigningCertURL}, {@code UnsubscribeURL}) and the record of Lambda's SNS event
 * ({@code Records[].Sns}; {@code SigningCertUrl}, {@code UnsubscribeUrl}). Each message is signed with its topic's
 * {@code SignatureVersion}. The URLs point at
 * this server's edge. Thread-safe.
 */
final class Envelopes {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageSigner signer;
    private final Supplier<String> endpoint;
    private final Function<String, String> signatureVersions;

    /**
     * @param signer signs every message
     * @param endpoint the edge's base URL ({@code http://127.0.0.1:9000}), known once the server listens
     * @param signatureVersions each topic's {@code SignatureVersion} ({@code 1} or {@code 2}), by topic ARN
     */
    Envelopes(MessageSigner signer, Supplier<String> endpoint, Function<String, String> signatureVersions) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.signatureVersions = Objects.requireNonNull(signatureVersions, "signatureVersions");
    }

    /** A timestamp as SNS writes it: ISO-8601 in UTC with milliseconds. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** The URL that confirms a pending subscription when fetched (unsigned, as AWS serves it). */
    String subscribeUrl(String topicArn, String token) {
        return endpoint.get() + "/?Action=ConfirmSubscription&TopicArn=" + encode(topicArn) + "&Token="
                + encode(token);
    }

    /** The URL that deletes a subscription when fetched. */
    String unsubscribeUrl(String subscriptionArn) {
        return endpoint.get() + "/?Action=Unsubscribe&SubscriptionArn=" + encode(subscriptionArn);
    }

    /** Where the signing certificate is served. */
    String signingCertUrl() {
        return endpoint.get() + SnsService.CERTIFICATE_PATH + signer.certificateFile();
    }

    /** The JSON envelope of {@code n} for {@code subscription} (queues, HTTP endpoints). */
    String envelope(Notification n, Subscription subscription) {
        ObjectNode node = JSON.createObjectNode();
        node.put("Type", n.type());
        node.put("MessageId", n.messageId());
        if (n.confirmation()) {
            String subscribeUrl = subscribeUrl(n.topicArn(), n.token());
            node.put("Token", n.token());
            node.put("TopicArn", n.topicArn());
            node.put("Message", n.message());
            node.put("SubscribeURL", subscribeUrl);
            node.put("Timestamp", timestamp(n.timestamp()));
            String version = signatureVersions.apply(n.topicArn());
            node.put("SignatureVersion", version);
            node.put("Signature", signer.sign(MessageSigner.canonical(n, subscribeUrl), version));
            node.put("SigningCertURL", signingCertUrl());
        } else {
            if (n.sequenceNumber() != null) {
                node.put("SequenceNumber", n.sequenceNumber());
            }
            node.put("TopicArn", n.topicArn());
            if (n.subject() != null) {
                node.put("Subject", n.subject());
            }
            node.put("Message", n.message());
            node.put("Timestamp", timestamp(n.timestamp()));
            String version = signatureVersions.apply(n.topicArn());
            node.put("SignatureVersion", version);
            node.put("Signature", signer.sign(MessageSigner.canonical(n, null), version));
            node.put("SigningCertURL", signingCertUrl());
            node.put("UnsubscribeURL", unsubscribeUrl(subscription.arn()));
            if (!n.attributes().isEmpty()) {
                node.set("MessageAttributes", attributes(n.attributes()));
            }
        }
        return pretty(node);
    }

    /**
     * An envelope as AWS prints it: one {@code "Name" : value} per line, indented by two spaces, and each message
     * attribute on one compact line ({@code "color" : {"Type":"String","Value":"red"}}).
     */
    private static String pretty(ObjectNode node) {
        StringBuilder s = new StringBuilder("{\n");
        for (var it = node.fields(); it.hasNext();) {
            var field = it.next();
            s.append("  ").append(JSON.getNodeFactory().textNode(field.getKey())).append(" : ");
            if (field.getValue().isObject()) {
                s.append("{\n");
                for (var attributes = field.getValue().fields(); attributes.hasNext();) {
                    var attribute = attributes.next();
                    s.append("    ").append(JSON.getNodeFactory().textNode(attribute.getKey())).append(" : ")
                            .append(attribute.getValue()).append(attributes.hasNext() ? ",\n" : "\n");
                }
                s.append("  }");
            } else {
                s.append(field.getValue());
            }
            s.append(it.hasNext() ? ",\n" : "\n");
        }
        return s.append('}').toString();
    }

    /** Lambda's SNS event for {@code n}: one record, {@code Records[0].Sns}. */
    byte[] lambdaEvent(Notification n, Subscription subscription) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("EventSource", "aws:sns");
        record.put("EventVersion", "1.0");
        record.put("EventSubscriptionArn", subscription.arn());
        ObjectNode sns = record.putObject("Sns");
        sns.put("Type", n.type());
        sns.put("MessageId", n.messageId());
        sns.put("TopicArn", n.topicArn());
        sns.put("Subject", n.subject());
        sns.put("Message", n.message());
        sns.put("Timestamp", timestamp(n.timestamp()));
        String version = signatureVersions.apply(n.topicArn());
        sns.put("SignatureVersion", version);
        sns.put("Signature", signer.sign(MessageSigner.canonical(n, null), version));
        sns.put("SigningCertUrl", signingCertUrl());
        sns.put("UnsubscribeUrl", unsubscribeUrl(subscription.arn()));
        sns.set("MessageAttributes", attributes(n.attributes()));
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Message attributes as SNS delivers them: {@code {"name": {"Type": "String", "Value": "v"}}}. */
    private static ObjectNode attributes(Map<String, MessageAttribute> attributes) {
        ObjectNode node = JSON.createObjectNode();
        attributes.forEach((name, a) -> node.putObject(name).put("Type", a.dataType()).put("Value",
                a.binaryValue() != null ? Base64.getEncoder().encodeToString(a.binaryValue()) : a.stringValue()));
        return node;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
