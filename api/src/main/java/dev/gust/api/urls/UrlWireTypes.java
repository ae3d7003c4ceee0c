package dev.gust.api.urls;

import java.util.List;

/** The request bodies of the function URL operations, as the wire carries them (UpperCamelCase members). */
final class UrlWireTypes {

    private UrlWireTypes() {
    }

    /** The body of CreateFunctionUrlConfig and UpdateFunctionUrlConfig. */
    record UrlConfigRequest(String authType, CorsRequest cors, String invokeMode) {
    }

    /** The {@code Cors} member. */
    record CorsRequest(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
            List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {
    }
}
