package dev.gust.core.urls;

import java.util.List;

/**
 * A function URL's CORS settings ({@code Cors}), as the API takes and shows them. Immutable; a member left out is
 * {@code null} (the lists) or {@code null} (the others).
 *
 * @param allowCredentials {@code AllowCredentials}
 * @param allowHeaders {@code AllowHeaders}
 * @param allowMethods {@code AllowMethods}
 * @param allowOrigins {@code AllowOrigins}
 * @param exposeHeaders {@code ExposeHeaders}
 * @param maxAge {@code MaxAge}, seconds
 */
public record UrlCors(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
        List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {

    public UrlCors {
        allowHeaders = allowHeaders == null ? null : List.copyOf(allowHeaders);
        allowMethods = allowMethods == null ? null : List.copyOf(allowMethods);
        allowOrigins = allowOrigins == null ? null : List.copyOf(allowOrigins);
        exposeHeaders = exposeHeaders == null ? null : List.copyOf(exposeHeaders);
    }
}
