package dev.gust.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SNS calls the topic scenario makes, in SNS's query protocol (form in, XML out), signed with SigV4. */
final class SnsHttp {

    private final int port;
    private final SigV4Signer signer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    SnsHttp(int port, SigV4Signer signer) {
        this.port = port;
        this.signer = signer;
    }

    /** CreateTopic; returns the topic's ARN. */
    String createTopic(String name) throws IOException {
        return element(call("CreateTopic", Map.of("Name", name)), "TopicArn");
    }

    /** Subscribe; returns the subscription's ARN. */
    String subscribe(String topicArn, String protocol, String endpoint) throws IOException {
        return element(call("Subscribe", Map.of("TopicArn", topicArn, "Protocol", protocol, "Endpoint", endpoint)),
                "SubscriptionArn");
    }

    /** Publish; returns the message id. */
    String publish(String topicArn, String message) throws IOException {
        return element(call("Publish", Map.of("TopicArn", topicArn, "Message", message)), "MessageId");
    }

    private String call(String action, Map<String, String> parameters) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", "2010-03-31");
        form.putAll(parameters);
        StringBuilder encoded = new StringBuilder();
        form.forEach((key, value) -> encoded.append(encoded.isEmpty() ? "" : "&").append(key).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        byte[] body = encoded.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofMinutes(1)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        signer.sign("sns", "POST", "127.0.0.1:" + port, "/", "", body).forEach(builder::header);
        HttpResponse<String> response = SqsHttp.send(http, builder.build());
        LambdaHttp.require(response, 200, "SNS " + action);
        return response.body();
    }

    private static String element(String xml, String name) throws IOException {
        Matcher m = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        if (!m.find()) {
            throw new IOException("no " + name + " in " + xml);
        }
        return m.group(1);
    }
}
