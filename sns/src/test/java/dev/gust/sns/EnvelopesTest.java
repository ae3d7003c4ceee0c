package dev.gust.sns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.Account;
import dev.gust.core.messaging.MessageAttribute;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:orders";

    @TempDir
    Path dataDir;

    private static Subscription subscription() {
        return new Subscription(new TopicKey.SubscriptionKey(new TopicKey(Account.defaults(), "orders"), "s1"), "sqs",
                "arn:aws:sqs:us-east-1:000000000000:q", "000000000000", Map.of(), true, null, true,
                FilterPolicy.NONE);
    }

    private static Notification notification(String subject) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("b", new MessageAttribute("Binary", null, new byte[] {1, 2}));
        return new Notification(Notification.NOTIFICATION, "m-1", TOPIC, subject, "line one\nline two",
                Instant.parse("2026-03-02T10:15:30.5Z"), attributes, null, null, null);
    }

    @Test
    void envelopesAreSignedWithTheTopicsSignatureVersionAndVerifyWithTheServedCertificate() throws Exception {
        MessageSigner signer = MessageSigner.open(dataDir);
        Envelopes v1 = new Envelopes(signer, () -> "http://127.0.0.1:9000", arn -> "1");
        Envelopes v2 = new Envelopes(signer, () -> "http://127.0.0.1:9000", arn -> "2");

        JsonNode first = JSON.readTree(v1.envelope(notification("hi"), subscription()));
        JsonNode second = JSON.readTree(v2.envelope(notification(null), subscription()));

        assertThat(v1.envelope(notification("hi"), subscription())).startsWith("{\n  \"Type\" : \"Notification\",\n"
                + "  \"MessageId\" : \"m-1\",\n").contains("  \"Message\" : \"line one\\nline two\",\n")
                .endsWith(",\n  \"MessageAttributes\" : {\n    \"b\" : {\"Type\":\"Binary\",\"Value\":\"AQI=\"}\n  }\n}");
        assertThat(first.path("Timestamp").asText()).isEqualTo("2026-03-02T10:15:30.500Z");
        assertThat(first.path("MessageAttributes").toString()).isEqualTo("{\"b\":{\"Type\":\"Binary\",\"Value\":"
                + "\"AQI=\"}}");
        assertThat(first.path("SigningCertURL").asText()).isEqualTo("http://127.0.0.1:9000/_gust/sns/"
                + signer.certificateFile());
        assertThat(verifies(signer, first, "SHA1withRSA", "Message\nline one\nline two\nMessageId\nm-1\nSubject\nhi\n"
                + "Timestamp\n2026-03-02T10:15:30.500Z\nTopicArn\n" + TOPIC + "\nType\nNotification\n")).isTrue();
        assertThat(second.path("SignatureVersion").asText()).isEqualTo("2");
        assertThat(second.has("Subject")).isFalse();
        assertThat(verifies(signer, second, "SHA256withRSA", "Message\nline one\nline two\nMessageId\nm-1\nTimestamp\n"
                + "2026-03-02T10:15:30.500Z\nTopicArn\n" + TOPIC + "\nType\nNotification\n")).isTrue();
        assertThat(verifies(signer, second, "SHA256withRSA", "tampered")).isFalse();
    }

    @Test
    void theSigningKeyIsKeptPrivateInTheDataDirAndReusedAfterARestart() throws Exception {
        String certificate = MessageSigner.open(dataDir).certificatePem();
        Path key = dataDir.resolve("keys/sns-signing.p12");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(MessageSigner.open(dataDir).certificatePem()).isEqualTo(certificate);
    }

    @Test
    void theLambdaEventHasTheSnsRecordShape() throws Exception {
        MessageSigner signer = MessageSigner.open(dataDir);
        JsonNode event = JSON.readTree(new Envelopes(signer, () -> "http://h:1", arn -> "1")
                .lambdaEvent(notification(null), subscription()));

        JsonNode record = event.path("Records").get(0);
        assertThat(record.path("EventSubscriptionArn").asText()).isEqualTo(TOPIC + ":s1");
        assertThat(record.path("Sns").has("Subject")).as("Lambda's record says Subject: null").isTrue();
        assertThat(record.path("Sns").path("Subject").isNull()).isTrue();
        assertThat(record.path("Sns").path("UnsubscribeUrl").asText())
                .isEqualTo("http://h:1/?Action=Unsubscribe&SubscriptionArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000"
                        + "%3Aorders%3As1");
    }

    private static boolean verifies(MessageSigner signer, JsonNode message, String algorithm, String canonical)
            throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(signer.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        Signature signature = Signature.getInstance(algorithm);
        signature.initVerify(certificate.getPublicKey());
        signature.update(canonical.getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
    }
}
