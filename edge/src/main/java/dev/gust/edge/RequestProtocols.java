package dev.gust.edge;

import io.vertx.core.http.HttpServerRequest;

/**
 * Infers the protocol a request is written in from its shape, for errors the edge answers before it knows the
 * service (no signature, an unknown service): the AWS CLI and the SDKs then parse the error and print its message.
 * Stateless.
 *
 * <ol>
 *   <li>an {@code X-Amz-Target} header: JSON 1.0 (content type {@code application/x-amz-json-1.0}) or 1.1;</li>
 *   <li>a path that begins with an API version, {@code /2015-03-31/...}: rest-json (Lambda, API Gateway);</li>
 *   <li>a form content type or an {@code Action=} query parameter: query (STS, SNS, IAM);</li>
 *   <li>anything else: rest-xml (S3).</li>
 * </ol>
 */
final class RequestProtocols {

    private RequestProtocols() {
    }

    static Protocol infer(HttpServerRequest request) {
        if (request.getHeader("X-Amz-Target") != null) {
            String contentType = request.getHeader("Content-Type");
            return contentType != null && contentType.contains("json-1.0") ? Protocol.JSON_1_0 : Protocol.JSON_1_1;
        }
        if (startsWithVersion(request.path())) {
            return Protocol.REST_JSON;
        }
        String contentType = request.getHeader("Content-Type");
        String query = request.query();
        if ((contentType != null && contentType.startsWith("application/x-www-form-urlencoded"))
                || (query != null && (query.startsWith("Action=") || query.contains("&Action=")))) {
            return Protocol.QUERY;
        }
        return Protocol.REST_XML;
    }

    /** Whether {@code path} begins with {@code /YYYY-MM-DD/}, as the paths of rest-json APIs do. */
    static boolean startsWithVersion(String path) {
        if (path == null || path.length() < 12 || path.charAt(0) != '/' || path.charAt(11) != '/') {
            return false;
        }
        for (int i = 1; i < 11; i++) {
            char c = path.charAt(i);
            boolean dash = i == 5 || i == 8;
            if (dash ? c != '-' : c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
