package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.edge.FormParameters;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one SQS request, in either protocol: the query protocol's form ({@code Action=SendMessage&
 * QueueUrl=...}) or the JSON 1.0 protocol's body ({@code X-Amz-Target: AmazonSQS.SendMessage}). Only the top-level
 * string members the edge needs to route and authorize a request are read. Parsed once per request and kept in the
 * routing context; not thread-safe (one request's event loop).
 */
final class SqsRequest {

    private static final String KEY = SqsRequest.class.getName();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingContext ctx;
    private final boolean json;
    private JsonNode body;

    private SqsRequest(RoutingContext ctx) {
        this.ctx = ctx;
        this.json = isJson(ctx);
    }

    /** The request of {@code ctx}. */
    static SqsRequest of(RoutingContext ctx) {
        SqsRequest request = ctx.get(KEY);
        if (request == null) {
            request = new SqsRequest(ctx);
            ctx.put(KEY, request);
        }
        return request;
    }

    /** Whether the request speaks the JSON 1.0 protocol (an {@code X-Amz-Target} header), else the query protocol. */
    static boolean isJson(RoutingContext ctx) {
        return ctx.request().getHeader("X-Amz-Target") != null;
    }

    boolean json() {
        return json;
    }

    /** The operation's name. */
    String action() {
        if (json) {
            String target = ctx.request().getHeader("X-Amz-Target");
            return target.substring(target.lastIndexOf('.') + 1);
        }
        return FormParameters.of(ctx).get("Action");
    }

    /** A top-level parameter with a string or number value, as text, or {@code null}. */
    String parameter(String name) {
        if (!json) {
            return FormParameters.of(ctx).get(name);
        }
        JsonNode member = body().get(name);
        return member != null && member.isValueNode() && !member.isNull() ? member.asText() : null;
    }

    /** A top-level member of a JSON request's body, or {@code null}. */
    JsonNode member(String name) {
        return body().get(name);
    }

    /** Whether the request was posted to a queue's URL path ({@code /ACCOUNT/NAME}), as older clients do. */
    boolean queueUrlInPath() {
        return !"/".equals(ctx.request().path());
    }

    /** Whether a JSON 1.0 request's body is a JSON object (a query request's form always reads). */
    boolean readable() {
        if (!json) {
            return true;
        }
        try {
            var buffer = ctx.body() == null ? null : ctx.body().buffer();
            return buffer != null && buffer.length() > 0 && JSON.readTree(buffer.getBytes()).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The queue attributes a CreateQueue or SetQueueAttributes request sets, by name ({@code Attribute.N.Name} and
     * {@code Attribute.N.Value} in the query protocol, the {@code Attributes} map in JSON); a value that is not a
     * string is kept as its JSON text.
     */
    Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (json) {
            body().path("Attributes").properties().forEach(e -> attributes.put(e.getKey(),
                    e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            return attributes;
        }
        Map<String, String> form = FormParameters.of(ctx);
        for (Map.Entry<String, String> p : form.entrySet()) {
            if (p.getKey().startsWith("Attribute.") && p.getKey().endsWith(".Name")) {
                String prefix = p.getKey().substring(0, p.getKey().length() - "Name".length());
                attributes.put(p.getValue(), form.getOrDefault(prefix + "Value", ""));
            }
        }
        return attributes;
    }

    /**
     * The entries of a batch request, each as its string members by name ({@code Id}, {@code MessageBody}, ...):
     * the JSON {@code Entries} array, or the query's {@code <entryType>.N.<Member>} parameters, in N's order.
     */
    List<Map<String, String>> entries(String entryType) {
        List<Map<String, String>> entries = new ArrayList<>();
        if (json) {
            for (JsonNode entry : body().path("Entries")) {
                Map<String, String> members = new LinkedHashMap<>();
                entry.properties().forEach(e -> members.put(e.getKey(),
                        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
                entries.add(members);
            }
            return entries;
        }
        java.util.TreeMap<Integer, Map<String, String>> numbered = new java.util.TreeMap<>();
        String prefix = entryType + ".";
        for (Map.Entry<String, String> p : FormParameters.of(ctx).entrySet()) {
            if (!p.getKey().startsWith(prefix)) {
                continue;
            }
            String rest = p.getKey().substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            try {
                numbered.computeIfAbsent(Integer.parseInt(rest.substring(0, dot)), n -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), p.getValue());
            } catch (NumberFormatException e) {
                // not an entry's member
            }
        }
        entries.addAll(numbered.values());
        return entries;
    }

    /** The message bodies of a SendMessageBatch request's entries. */
    List<String> batchBodies() {
        List<String> bodies = new ArrayList<>();
        if (json) {
            for (JsonNode entry : body().path("Entries")) {
                if (entry.path("MessageBody").isTextual()) {
                    bodies.add(entry.path("MessageBody").asText());
                }
            }
            return bodies;
        }
        for (Map.Entry<String, String> p : FormParameters.of(ctx).entrySet()) {
            if (p.getKey().startsWith("SendMessageBatchRequestEntry.") && p.getKey().endsWith(".MessageBody")) {
                bodies.add(p.getValue());
            }
        }
        return bodies;
    }

    private JsonNode body() {
        if (body == null) {
            try {
                var buffer = ctx.body() == null ? null : ctx.body().buffer();
                JsonNode parsed = buffer == null || buffer.length() == 0 ? null : JSON.readTree(buffer.getBytes());
                body = parsed != null && parsed.isObject() ? parsed : JSON.createObjectNode();
            } catch (IOException e) {
                body = JSON.createObjectNode(); // ElasticMQ answers the malformed body
            }
        }
        return body;
    }
}
