package dev.gust.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of a query-protocol request ({@code Action=GetCallerIdentity&Version=2011-06-15}): the body read
 * as {@code application/x-www-form-urlencoded} whatever its content type says, plus the URL's query parameters
 * (the body wins). Parsed once per request and kept in the routing context. Stateless.
 */
public final class FormParameters {

    private static final String KEY = FormParameters.class.getName();

    private FormParameters() {
    }

    /** The request's parameters, decoded; the first value of a repeated name wins. */
    public static Map<String, String> of(RoutingContext ctx) {
        Map<String, String> parameters = ctx.get(KEY);
        if (parameters == null) {
            Map<String, String> parsed = new LinkedHashMap<>();
            String query = ctx.request().query();
            Buffer body = ctx.body() == null ? null : ctx.body().buffer();
            if (body != null && body.length() > 0) {
                parse(body.toString(StandardCharsets.UTF_8), parsed);
            }
            if (query != null) {
                parse(query, parsed);
            }
            parameters = Collections.unmodifiableMap(parsed);
            ctx.put(KEY, parameters);
        }
        return parameters;
    }

    /** Adds the pairs of {@code form} to {@code into}, keeping a name's first value. */
    static void parse(String form, Map<String, String> into) {
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            into.putIfAbsent(name, value);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed %-escape stays as sent, as AWS keeps it
        }
    }
}
