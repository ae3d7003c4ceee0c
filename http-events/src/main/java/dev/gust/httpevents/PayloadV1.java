package dev.gust.httpevents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Payload format 1.0: the event REST APIs' Lambda proxy integrations deliver ({@link Kind#REST_API}) and HTTP APIs with
 * {@code PayloadFormatVersion 1.0} ({@link Kind#HTTP_API}), and the mapping of the function's answer (with
 * {@code multiValueHeaders}). Stateless.
 *
 * <p>Both kinds give {@code headers} and {@code queryStringParameters} the last value of a repeated name and
 * {@code multiValueHeaders} and {@code multiValueQueryStringParameters} every value; a missing part is {@code null},
 * never absent. A REST API keeps header names as sent, passes the body as text unless its type is one of the API's
 * binary media types, and orders {@code requestContext} as REST APIs do; an HTTP API adds {@code version} 1.0,
 * lower-cases header names, decodes the path, base64-encodes a body that is not textual (as payload 2.0 does) and
 * writes {@code requestContext} as its documented example.
 */
public final class PayloadV1 {

    /** Which API the event is for: their {@code requestContext}s differ. */
    public enum Kind { REST_API, HTTP_API }

    private PayloadV1() {
    }

    /** The payload format 1.0 event for {@code request}, as JSON bytes; a REST API without binary media types. */
    public static byte[] event(Kind kind, HttpRequest request, EventContext context) {
        return event(kind, request, context, List.of());
    }

    /**
     * The payload format 1.0 event for the request {@code sent}, as JSON bytes.
     *
     * @param binaryMediaTypes a REST API's {@code binaryMediaTypes}: a request body of one of these types is
     *     base64-encoded; ignored for HTTP APIs
     */
    public static byte[] event(Kind kind, HttpRequest sent, EventContext context, List<String> binaryMediaTypes) {
        boolean rest = kind == Kind.REST_API;
        HttpRequest request = rest ? sent : sent.withDecodedPath();
        ObjectNode event = EventJson.object();
        if (!rest) {
            event.put("version", "1.0");
        }
        event.put("resource", resourcePath(context));
        event.put("path", request.rawPath());
        event.put("httpMethod", request.method());
        Map<String, List<String>> headers = RequestHeaders.group(request.headers(), !rest);
        event.set("headers", headers.isEmpty() ? EventJson.MAPPER.nullNode() : lastValues(headers));
        event.set("multiValueHeaders",
                headers.isEmpty() ? EventJson.MAPPER.nullNode() : EventJson.stringLists(headers));
        Map<String, List<String>> query = QueryString.parse(request.rawQuery());
        event.set("queryStringParameters", query.isEmpty() ? EventJson.MAPPER.nullNode() : lastValues(query));
        event.set("multiValueQueryStringParameters",
                query.isEmpty() ? EventJson.MAPPER.nullNode() : EventJson.stringLists(query));
        if (rest) {
            event.set("pathParameters", EventJson.strings(context.pathParameters()));
            event.set("stageVariables", EventJson.strings(context.stageVariables()));
            event.set("requestContext", restRequestContext(request, context));
        } else {
            event.set("requestContext", httpApiRequestContext(request, context));
            event.set("pathParameters", EventJson.strings(context.pathParameters()));
            event.set("stageVariables", EventJson.strings(context.stageVariables()));
        }
        boolean binary = rest
                ? BodyEncoding.matchesAny(binaryMediaTypes, request.header("content-type"))
                : !BodyEncoding.isTextual(request.header("content-type"));
        boolean hasBody = request.body().length > 0;
        if (hasBody) {
            event.put("body", BodyEncoding.text(request.body(), binary));
        } else {
            event.putNull("body");
        }
        event.put("isBase64Encoded", hasBody && binary);
        return EventJson.bytes(event);
    }

    /**
     * The HTTP response for the function's answer {@code payload}; a body the function base64-encoded is decoded.
     *
     * @throws MalformedResponse when AWS would answer 502
     */
    public static HttpResponse response(Kind kind, byte[] payload) throws MalformedResponse {
        return ResponseV1.map(payload, true);
    }

    /**
     * The HTTP response a REST API gives for the function's answer {@code payload}: a base64-encoded body is decoded
     * only when the request's {@code Accept} or the answer's {@code Content-Type} is one of the API's
     * {@code binaryMediaTypes}, else it is sent as the base64 text.
     *
     * @throws MalformedResponse when AWS would answer 502
     */
    public static HttpResponse restResponse(byte[] payload, List<String> binaryMediaTypes, String accept)
            throws MalformedResponse {
        return ResponseV1.mapRest(payload, binaryMediaTypes, accept);
    }

    private static ObjectNode lastValues(Map<String, List<String>> values) {
        ObjectNode node = EventJson.object();
        values.forEach((key, list) -> node.put(key, list.getLast()));
        return node;
    }

    private static String resourcePath(EventContext context) {
        if (context.resourcePath() != null) {
            return context.resourcePath();
        }
        String routeKey = context.routeKey();
        int space = routeKey == null ? -1 : routeKey.indexOf(' ');
        return space < 0 ? routeKey : routeKey.substring(space + 1);
    }

    private static ObjectNode restRequestContext(HttpRequest request, EventContext context) {
        ObjectNode rc = EventJson.object();
        rc.put("resourceId", context.resourceId());
        if (context.authorizer() != null) {
            rc.set("authorizer", EventJson.tree(context.authorizer()));
        }
        rc.put("resourcePath", resourcePath(context));
        rc.put("httpMethod", request.method());
        rc.put("extendedRequestId", extendedRequestId(context, true));
        rc.put("requestTime", RequestTimes.format(request.time()));
        rc.put("path", "/" + context.stage() + request.rawPath());
        rc.put("accountId", context.accountId());
        rc.put("protocol", request.protocol());
        rc.put("stage", context.stage());
        rc.put("domainPrefix", context.domainPrefix());
        rc.put("requestTimeEpoch", request.time().toEpochMilli());
        rc.put("requestId", context.requestId());
        ObjectNode identity = rc.putObject("identity");
        for (String field : List.of("cognitoIdentityPoolId", "accountId", "cognitoIdentityId", "caller")) {
            identity.putNull(field);
        }
        identity.put("sourceIp", request.sourceIp());
        for (String field : List.of("principalOrgId", "accessKey", "cognitoAuthenticationType",
                "cognitoAuthenticationProvider", "userArn")) {
            identity.putNull(field);
        }
        identity.put("userAgent", request.header("user-agent"));
        identity.putNull("user");
        rc.put("domainName", context.domainName());
        if (context.deploymentId() != null) {
            rc.put("deploymentId", context.deploymentId());
        }
        rc.put("apiId", context.apiId());
        return rc;
    }

    private static ObjectNode httpApiRequestContext(HttpRequest request, EventContext context) {
        ObjectNode rc = EventJson.object();
        rc.put("accountId", context.accountId());
        rc.put("apiId", context.apiId());
        if (context.authorizer() != null) {
            rc.set("authorizer", EventJson.tree(context.authorizer()));
        } else {
            rc.putObject("authorizer").putNull("claims").putNull("scopes");
        }
        rc.put("domainName", context.domainName());
        rc.put("domainPrefix", context.domainPrefix());
        rc.put("extendedRequestId", extendedRequestId(context, false));
        rc.put("httpMethod", request.method());
        ObjectNode identity = rc.putObject("identity");
        for (String field : List.of("accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
                "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId")) {
            identity.putNull(field);
        }
        identity.put("sourceIp", request.sourceIp());
        identity.putNull("user");
        identity.put("userAgent", request.header("user-agent"));
        identity.putNull("userArn");
        rc.put("path", request.rawPath());
        rc.put("protocol", request.protocol());
        rc.put("requestId", context.requestId());
        rc.put("requestTime", RequestTimes.format(request.time()));
        rc.put("requestTimeEpoch", request.time().toEpochMilli());
        rc.put("resourceId", context.resourceId());
        rc.put("resourcePath", resourcePath(context));
        rc.put("stage", context.stage());
        return rc;
    }

    /**
     * The context's extended request id; else an HTTP API's request id (they are one id there) or, for a REST API,
     * one derived from the request id in the shape REST APIs use (16 characters of base64, {@code BQGojGJ5PHcEQfA=}).
     */
    private static String extendedRequestId(EventContext context, boolean rest) {
        if (context.extendedRequestId() != null) {
            return context.extendedRequestId();
        }
        if (!rest || context.requestId() == null) {
            return context.requestId();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(context.requestId().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(digest, 11));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
