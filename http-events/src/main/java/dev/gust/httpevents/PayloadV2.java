package dev.gust.httpevents;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Payload format 2.0: the event function URLs and HTTP APIs (by default) deliver, and the mapping of the function's
 * answer, with AWS's inference rules for a plain string or an object without {@code statusCode}. Stateless.
 *
 * <p>The event's fields come in AWS's order: {@code version}, {@code routeKey}, {@code rawPath},
 * {@code rawQueryString}, {@code cookies} (only when the request has a {@code Cookie} header), {@code headers}
 * (lower-case names, repeated headers joined with commas, without {@code Cookie}), {@code queryStringParameters}
 * (only when the query has a parameter; repeated keys joined with commas), {@code requestContext}, {@code body}
 * (only when the request has one), {@code pathParameters} (only when given), {@code isBase64Encoded},
 * {@code stageVariables} (only when given).
 *
 * <p>The path is written as the request has it: a function URL passes it as sent, an HTTP API gives
 * {@link HttpRequest#withDecodedPath()} (HTTP APIs decode it). A function URL with {@code AuthType NONE} gives
 * {@code accountId} {@code anonymous} and no authorizer, with {@code AWS_IAM} the owner's account and
 * {@code {"iam": {...}}}.
 */
public final class PayloadV2 {

    private PayloadV2() {
    }

    /** The payload format 2.0 event for {@code request}, as JSON bytes. */
    public static byte[] event(HttpRequest request, EventContext context) {
        ObjectNode event = EventJson.object();
        event.put("version", "2.0");
        event.put("routeKey", context.routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        List<String> cookies = cookies(request.headers());
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headers = event.putObject("headers");
        RequestHeaders.group(request.headers(), true, "cookie")
                .forEach((name, values) -> headers.put(name, String.join(",", values)));
        Map<String, List<String>> query = QueryString.parse(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach((key, values) -> parameters.put(key, String.join(",", values)));
        }
        event.set("requestContext", requestContext(request, context));
        boolean binary = !BodyEncoding.isTextual(request.header("content-type"));
        if (request.body().length > 0) {
            event.put("body", BodyEncoding.text(request.body(), binary));
        }
        if (context.pathParameters() != null) {
            event.set("pathParameters", EventJson.strings(context.pathParameters()));
        }
        event.put("isBase64Encoded", request.body().length > 0 && binary);
        if (context.stageVariables() != null) {
            event.set("stageVariables", EventJson.strings(context.stageVariables()));
        }
        return EventJson.bytes(event);
    }

    /**
     * The HTTP response for the function's answer {@code payload}.
     *
     * @throws MalformedResponse when AWS would answer 502
     */
    public static HttpResponse response(byte[] payload) throws MalformedResponse {
        return ResponseV2.map(payload);
    }

    private static ObjectNode requestContext(HttpRequest request, EventContext context) {
        ObjectNode requestContext = EventJson.object();
        requestContext.put("accountId", context.accountId());
        requestContext.put("apiId", context.apiId());
        if (context.authorizer() != null) {
            requestContext.set("authorizer", EventJson.tree(context.authorizer()));
        }
        requestContext.put("domainName", context.domainName());
        requestContext.put("domainPrefix", context.domainPrefix());
        ObjectNode http = requestContext.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        String userAgent = request.header("user-agent");
        http.put("userAgent", userAgent == null ? "" : userAgent);
        requestContext.put("requestId", context.requestId());
        requestContext.put("routeKey", context.routeKey());
        requestContext.put("stage", context.stage());
        requestContext.put("time", RequestTimes.format(request.time()));
        requestContext.put("timeEpoch", request.time().toEpochMilli());
        return requestContext;
    }

    /** The request's cookies: every {@code Cookie} header split on {@code ;}, each trimmed, empty ones dropped. */
    static List<String> cookies(List<Header> headers) {
        return RequestHeaders.all(headers, "cookie").stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(";")))
                .map(String::strip)
                .filter(cookie -> !cookie.isEmpty())
                .toList();
    }
}
