package dev.gust.httpevents;

import java.util.List;

/**
 * A CORS configuration, as function URLs ({@code Cors}) and HTTP APIs ({@code CorsConfiguration}) take it.
 *
 * @param allowCredentials {@code AllowCredentials}
 * @param allowHeaders {@code AllowHeaders}
 * @param allowMethods {@code AllowMethods} ({@code *} allowed)
 * @param allowOrigins {@code AllowOrigins} ({@code *} allowed)
 * @param exposeHeaders {@code ExposeHeaders}
 * @param maxAge {@code MaxAge} in seconds, or {@code null}
 */
public record CorsConfig(boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
        List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {

    public CorsConfig {
        allowHeaders = allowHeaders == null ? List.of() : List.copyOf(allowHeaders);
        allowMethods = allowMethods == null ? List.of() : List.copyOf(allowMethods);
        allowOrigins = allowOrigins == null ? List.of() : List.copyOf(allowOrigins);
        exposeHeaders = exposeHeaders == null ? List.of() : List.copyOf(exposeHeaders);
    }
}
