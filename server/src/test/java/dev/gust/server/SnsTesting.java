package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * SNS as the ITs drive it: the real AWS CLI ({@code /usr/bin/aws sns ...}, which the AWS SDK for Java v2 cannot
 * replace here: its {@code sns} module is not on this machine's Maven mirror), and the check a subscriber makes of a
 * message's signature.
 */
final class SnsTesting {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACCOUNT = "000000000000";

    private SnsTesting() {
    }

    /** What one CLI call printed and how it exited. */
    record Cli(int exit, String output) {

        JsonNode json() {
            try {
                return output.isBlank() ? JSON.createObjectNode() : JSON.readTree(output);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + output, e);
            }
        }
    }

    /** Runs {@code aws ARGS --output json} against {@code gust}; fails unless it exits 0. */
    static JsonNode aws(GustProcess gust, String... args) throws Exception {
        Cli cli = cli(gust, args);
        if (cli.exit() != 0) {
            throw new IllegalStateException("aws " + String.join(" ", args) + " exited " + cli.exit() + ": "
                    + cli.output());
        }
        return cli.json();
    }

    /** Runs {@code aws ARGS --output json} against {@code gust}, whatever it exits with. */
    static Cli cli(GustProcess gust, String... args) throws Exception {
        return cliAs(gust, GustProcess.ACCESS_KEY, args);
    }

    /**
     * Runs {@code aws ARGS --output json} against {@code gust} signed with the access key {@code accessKey} (with
     * {@code account-id-keys}, a twelve-digit key is that account's root, whatever the secret), whatever it exits
     * with.
     */
    static Cli cliAs(GustProcess gust, String accessKey, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", gust.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        ReadmeShell.clientEnvironment(builder.environment(), gust);
        builder.environment().put("AWS_ACCESS_KEY_ID", accessKey);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        return new Cli(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    static String topicArn(String name) {
        return "arn:aws:sns:us-east-1:" + ACCOUNT + ":" + name;
    }

    static String queueArn(String name) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + name;
    }

    /** Creates a topic with the CLI; its ARN. */
    static String createTopic(GustProcess gust, String name, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("sns", "create-topic", "--name", name));
        args.addAll(List.of(more));
        return aws(gust, args.toArray(String[]::new)).path("TopicArn").asText();
    }

    /** Subscribes with the CLI; the subscription's ARN (or {@code pending confirmation}). */
    static String subscribe(GustProcess gust, String topicArn, String protocol, String endpoint, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("sns", "subscribe", "--topic-arn", topicArn, "--protocol",
                protocol, "--notification-endpoint", endpoint));
        args.addAll(List.of(more));
        return aws(gust, args.toArray(String[]::new)).path("SubscriptionArn").asText();
    }

    /**
     * Whether a message's signature verifies as a subscriber checks it (SignatureVersion 1): SHA1withRSA over the
     * canonical string, with the certificate fetched from {@code SigningCertURL}.
     */
    static boolean signatureVerifies(JsonNode message, String certUrlField) throws Exception {
        HttpResponse<byte[]> pem;
        try (HttpClient http = HttpClient.newHttpClient()) {
            pem = http.send(HttpRequest.newBuilder(URI.create(message.path(certUrlField).asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
        if (pem.statusCode() != 200) {
            return false;
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.body()));
        Signature signature = Signature.getInstance("SHA1withRSA");
        signature.initVerify(certificate.getPublicKey());
        signature.update(canonical(message).getBytes(StandardCharsets.UTF_8));
        return signature.verify(Base64.getDecoder().decode(message.path("Signature").asText()));
    }

    /** AWS's canonical string of a message, as its documentation tells subscribers to build it. */
    private static String canonical(JsonNode m) {
        List<String> fields = m.path("Type").asText().equals("Notification")
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder s = new StringBuilder();
        for (String field : fields) {
            if (m.hasNonNull(field)) {
                s.append(field).append('\n').append(m.get(field).asText()).append('\n');
            }
        }
        return s.toString();
    }

    /** Writes a boto3 script into {@code work}; its path. */
    static Path script(Path work, String name, String code) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, code);
        return file;
    }
}
