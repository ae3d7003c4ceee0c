package dev.gust.apigateway.rest;

import java.util.List;
import java.util.Map;

/**
 * The settings {@code CreateRestApi} takes. Immutable.
 *
 * @param name the API's name, required
 * @param description or {@code null}
 * @param version or {@code null}
 * @param binaryMediaTypes or {@code null}
 * @param apiKeySource {@code HEADER} (default) or {@code AUTHORIZER}
 * @param endpointTypes {@code EDGE} (default), {@code REGIONAL} or {@code PRIVATE}
 * @param disableExecuteApiEndpoint whether the default invoke URL is off
 * @param tags or {@code null}
 */
record RestApiSettings(String name, String description, String version, List<String> binaryMediaTypes,
        String apiKeySource, List<String> endpointTypes, boolean disableExecuteApiEndpoint, Map<String, String> tags) {
}
