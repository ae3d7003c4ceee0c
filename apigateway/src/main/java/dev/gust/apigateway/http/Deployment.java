package dev.gust.apigateway.http;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A deployment of an HTTP API: a snapshot of its routes and integrations, which the stages that name it serve.
 * Immutable.
 *
 * @param deploymentId the deployment's id
 * @param description {@code Description}, or {@code null}
 * @param createdDate when it was made
 * @param autoDeployed whether a stage's auto-deploy made it
 * @param routes the routes it serves, by id
 * @param integrations the integrations they target, by id
 */
public record Deployment(String deploymentId, String description, Instant createdDate, boolean autoDeployed,
        Map<String, Route> routes, Map<String, Integration> integrations) {

    public Deployment {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(createdDate, "createdDate");
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        integrations = integrations == null ? Map.of() : Map.copyOf(integrations);
    }
}
