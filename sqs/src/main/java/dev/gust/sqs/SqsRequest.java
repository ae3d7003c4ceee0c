package dev.gust.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.edge.FormParameters;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;

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

    /** A top-level string parameter, or {@code null}. */
    String parameter(String name) {
        if (!json) {
            return FormParameters.of(ctx).get(name);
        }
        JsonNode member = body().get(name);
        return member != null && member.isTextual() ? member.asText() : null;
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
