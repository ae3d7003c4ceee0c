package dev.gust.apigateway.http;

import java.util.Objects;

/**
 * A route of an HTTP API: a route key and the integration it targets. Immutable.
 *
 * @param routeId the route's id
 * @param routeKey {@code RouteKey}: {@code GET /items/{id}}, {@code ANY /{proxy+}} or {@code $default}
 * @param target {@code Target}: {@code integrations/<integration-id>}, or {@code null}
 * @param authorizationType {@code NONE} or {@code AWS_IAM}
 * @param operationName {@code OperationName}, or {@code null}
 * @param apiGatewayManaged whether quick create made it
 */
public record Route(String routeId, String routeKey, String target, String authorizationType, String operationName,
        boolean apiGatewayManaged) {

    /** The prefix of a target naming an integration. */
    public static final String TARGET_PREFIX = "integrations/";

    public Route {
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(routeKey, "routeKey");
        authorizationType = authorizationType == null ? "NONE" : authorizationType;
    }

    /** The id of the integration the target names, or {@code null}. */
    public String integrationId() {
        return target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
    }
}
