package dev.gust.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** Small helpers for writing Lambda's JSON responses. Stateless. */
public final class Responses {

    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    public static void empty(RoutingContext ctx, int status) {
        ctx.response().setStatusCode(status).end();
    }

    /** {@code http://host:port} as the caller addressed this server, for absolute links in responses. */
    public static String baseUrl(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            host = request.localAddress().host() + ":" + request.localAddress().port();
        }
        return (request.isSSL() ? "https://" : "http://") + host;
    }
}
