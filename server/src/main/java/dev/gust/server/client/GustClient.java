package dev.gust.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * A minimal client of a running Gust server for the {@code gust} command's client commands: signed query-protocol
 * (STS, IAM) and JSON 1.1 (Organizations) requests. Not thread-safe.
 */
final class GustClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String region;
    private final ClientCredentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    GustClient(URI endpoint, String region, ClientCredentials credentials) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    URI endpoint() {
        return endpoint;
    }

    String region() {
        return region;
    }

    /** The same server and region, signing with other credentials. */
    GustClient as(ClientCredentials other) {
        return new GustClient(endpoint, region, other);
    }

    /** Calls a query-protocol action and returns its XML response. */
    Document query(String service, String action, String version, Map<String, String> parameters) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("Action", action);
        form.put("Version", version);
        form.putAll(parameters);
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String answer = send(service, "application/x-www-form-urlencoded; charset=utf-8", null, body);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable " + service + " response: " + answer, e);
        }
    }

    /** Calls a JSON 1.1 operation ({@code X-Amz-Target: PREFIX.NAME}) and returns its JSON response. */
    JsonNode json(String service, String target, JsonNode request) {
        try {
            return JSON.readTree(send(service, "application/x-amz-json-1.1", target, JSON.writeValueAsString(request)));
        } catch (IOException e) {
            throw new IllegalStateException("unreadable " + service + " response", e);
        }
    }

    /** The text of the first element named {@code name} in {@code document}. */
    static String text(Document document, String name) {
        Node node = document.getElementsByTagName(name).item(0);
        if (node == null) {
            throw new IllegalStateException("no " + name + " in the response");
        }
        return node.getTextContent();
    }

    private String send(String service, String contentType, String target, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", endpoint.getAuthority());
        headers.put("content-type", contentType);
        if (target != null) {
            headers.put("x-amz-target", target);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        RequestSigner.sign(credentials, region, service, headers, bytes, Instant.now()).forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ClientException("ConnectionFailed", "cannot reach Gust at " + endpoint + " (" + e
                    + "); is `./gust server` running?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("Interrupted", "interrupted");
        }
        if (response.statusCode() >= 300) {
            throw error(response.body());
        }
        return response.body();
    }

    /** The error in a query-protocol (XML) or JSON error body. */
    private static ClientException error(String body) {
        if (body.startsWith("{")) {
            try {
                JsonNode node = JSON.readTree(body);
                String type = node.path("__type").asText();
                return new ClientException(type.substring(type.indexOf('#') + 1), node.path("message").asText());
            } catch (IOException e) {
                return new ClientException("Unknown", body);
            }
        }
        String code = between(body, "<Code>", "</Code>");
        String message = between(body, "<Message>", "</Message>");
        return new ClientException(code, message);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, Math.max(from, 0));
        return from < 0 || to < 0 ? text : text.substring(from + start.length(), to);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
