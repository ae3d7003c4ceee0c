package dev.gust.httpevents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CORS as function URLs and HTTP APIs apply it: preflight requests answered without invoking the function, and the
 * CORS headers added to (overriding) the function's response. Stateless.
 *
 * <p>An allowed origin is one of {@code allowOrigins}, compared case-insensitively, where {@code *} alone allows every
 * origin and a {@code *} inside an entry stands for any text (HTTP APIs document {@code https://*} and
 * {@code http://*}: any origin with that scheme).
 *
 * <p>A preflight is an {@code OPTIONS} request with {@code Origin} and {@code Access-Control-Request-Method}; it is
 * always answered (a function URL with {@code 200}, an HTTP API with {@code 204}, empty body), with the allow headers
 * only when its origin is allowed, so a browser refuses a disallowed origin. On every other response the
 * function's own {@code Access-Control-*} headers are dropped and, for an allowed {@code Origin}, the configured ones
 * added. An allowed origin is echoed (with {@code Vary: Origin}) unless the configuration allows {@code *} without
 * credentials, which answers {@code *}. With credentials, a {@code *} method or header list echoes the request's
 * method or headers, since browsers do not take {@code *} for credentialed requests.
 */
public final class Cors {

    /** Which trigger answers: their preflight statuses differ. */
    public enum Service {
        /** A function URL: preflight {@code 200}. */
        FUNCTION_URL(200),
        /** An HTTP API: preflight {@code 204}. */
        HTTP_API(204);

        private final int preflightStatus;

        Service(int preflightStatus) {
            this.preflightStatus = preflightStatus;
        }
    }

    private static final String PREFIX = "access-control-";

    private Cors() {
    }

    /**
     * The answer to {@code request} when it is a CORS preflight ({@code OPTIONS} with {@code Origin} and
     * {@code Access-Control-Request-Method}) under {@code config}, as a function URL answers it; empty when it is not
     * one.
     */
    public static Optional<HttpResponse> preflight(CorsConfig config, HttpRequest request) {
        return preflight(Service.FUNCTION_URL, config, request);
    }

    /**
     * The answer {@code service} gives {@code request} when it is a CORS preflight under {@code config}; empty when it
     * is not one.
     */
    public static Optional<HttpResponse> preflight(Service service, CorsConfig config, HttpRequest request) {
        if (!isPreflight(request)) {
            return Optional.empty();
        }
        List<Header> headers = new ArrayList<>();
        String origin = request.header("origin");
        String allowedOrigin = allowedOrigin(config, origin);
        if (allowedOrigin != null) {
            headers.add(new Header("Access-Control-Allow-Origin", allowedOrigin));
            if (config.allowCredentials()) {
                headers.add(new Header("Access-Control-Allow-Credentials", "true"));
            }
            String methods = list(config, config.allowMethods(), request.header("access-control-request-method"));
            if (methods != null) {
                headers.add(new Header("Access-Control-Allow-Methods", methods));
            }
            String allowHeaders = list(config, config.allowHeaders(),
                    request.header("access-control-request-headers"));
            if (allowHeaders != null) {
                headers.add(new Header("Access-Control-Allow-Headers", allowHeaders));
            }
            if (config.maxAge() != null) {
                headers.add(new Header("Access-Control-Max-Age", Integer.toString(config.maxAge())));
            }
            if (!allowedOrigin.equals("*")) {
                headers.add(new Header("Vary", "Origin"));
            }
        }
        return Optional.of(new HttpResponse(service.preflightStatus, headers, new byte[0]));
    }

    /** {@code response} with the CORS headers AWS adds for {@code request} under {@code config}. */
    public static HttpResponse apply(CorsConfig config, HttpRequest request, HttpResponse response) {
        List<Header> headers = new ArrayList<>();
        for (Header header : response.headers()) {
            if (!header.name().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
                headers.add(header);
            }
        }
        String allowedOrigin = allowedOrigin(config, request.header("origin"));
        if (allowedOrigin != null) {
            headers.add(new Header("Access-Control-Allow-Origin", allowedOrigin));
            if (config.allowCredentials()) {
                headers.add(new Header("Access-Control-Allow-Credentials", "true"));
            }
            if (!config.exposeHeaders().isEmpty()) {
                headers.add(new Header("Access-Control-Expose-Headers", String.join(",", config.exposeHeaders())));
            }
            if (!allowedOrigin.equals("*") && !variesByOrigin(headers)) {
                headers.add(new Header("Vary", "Origin"));
            }
        }
        return new HttpResponse(response.statusCode(), headers, response.body());
    }

    /** Whether {@code request} is a CORS preflight. */
    public static boolean isPreflight(HttpRequest request) {
        return request.method().equalsIgnoreCase("OPTIONS") && request.header("origin") != null
                && request.header("access-control-request-method") != null;
    }

    /** The {@code Access-Control-Allow-Origin} value for {@code origin}, or {@code null} when it is not allowed. */
    private static String allowedOrigin(CorsConfig config, String origin) {
        if (origin == null) {
            return null;
        }
        if (config.allowOrigins().contains("*")) {
            return config.allowCredentials() ? origin : "*";
        }
        for (String allowed : config.allowOrigins()) {
            if (allowed.equalsIgnoreCase(origin) || (allowed.contains("*") && matchesPattern(allowed, origin))) {
                return origin;
            }
        }
        return null;
    }

    /** Whether {@code origin} matches an origin pattern whose {@code *} stands for any text ({@code https://*}). */
    private static boolean matchesPattern(String pattern, String origin) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(origin).matches();
    }

    /** A configured list as a header value; {@code *} with credentials echoes {@code requested}. */
    private static String list(CorsConfig config, List<String> configured, String requested) {
        if (configured.isEmpty()) {
            return null;
        }
        if (configured.contains("*") && config.allowCredentials()) {
            return requested;
        }
        return String.join(",", configured);
    }

    private static boolean variesByOrigin(List<Header> headers) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase("vary")
                    && header.value().toLowerCase(Locale.ROOT).contains("origin")) {
                return true;
            }
        }
        return false;
    }
}
