package dev.gust.api.urls;

import dev.gust.core.urls.FunctionUrlConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Where a function URL answers: {@code http://<url-id>.lambda-url.<region>.localhost:<port>/}, AWS's shape on a name
 * that resolves to the loopback with no DNS set-up, and the path form
 * {@code http://127.0.0.1:<port>/_gust/lambda-url/<url-id>/} for clients that cannot resolve {@code *.localhost}.
 * Stateless.
 */
public final class FunctionUrlAddress {

    /** The public endpoint's label on the edge. */
    public static final String LABEL = "lambda-url";

    private FunctionUrlAddress() {
    }

    /** {@code FunctionUrl}: the host form ({@link FunctionUrlConfig#host}) on {@code port}, with its trailing slash. */
    public static String url(FunctionUrlConfig config, int port) {
        return "http://" + config.host() + ":" + port + "/";
    }

    /** The path form on {@code port}. */
    public static String pathForm(String urlId, int port) {
        return "http://127.0.0.1:" + port + "/_gust/" + LABEL + "/" + urlId + "/";
    }

    /** The port the client reached this server on: its {@code Host} header's, else the connection's. */
    public static int port(HttpServerRequest request) {
        var authority = request.authority();
        if (authority != null && authority.port() > 0) {
            return authority.port();
        }
        return request.localAddress().port();
    }
}
