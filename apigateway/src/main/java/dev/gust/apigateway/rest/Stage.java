package dev.gust.apigateway.rest;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stage of a REST API: a name in its invoke URL ({@code /<stage>/...}) that serves one deployment, with its stage
 * variables. Immutable.
 *
 * @param stageName the name
 * @param deploymentId the deployment it serves
 * @param description its description, or {@code null}
 * @param variables the stage variables
 * @param tracingEnabled whether X-Ray tracing is on (recorded only)
 * @param cacheClusterEnabled whether a cache cluster is on (recorded only)
 * @param createdDate epoch seconds
 * @param lastUpdatedDate epoch seconds
 */
public record Stage(String stageName, String deploymentId, String description, Map<String, String> variables,
        boolean tracingEnabled, boolean cacheClusterEnabled, long createdDate, long lastUpdatedDate) {

    public Stage {
        variables = variables == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(variables));
    }
}
