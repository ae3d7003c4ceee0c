package dev.gust.apigateway.http;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One HTTP API whole: its settings, routes, integrations, stages and deployments, as stored and as served. Immutable:
 * every change makes a new definition.
 *
 * @param api the API's settings
 * @param routes its routes by id
 * @param integrations its integrations by id
 * @param stages its stages by name
 * @param deployments its deployments by id
 */
public record ApiDefinition(Api api, Map<String, Route> routes, Map<String, Integration> integrations,
        Map<String, Stage> stages, Map<String, Deployment> deployments) {

    public ApiDefinition {
        Objects.requireNonNull(api, "api");
        routes = routes == null ? Map.of() : Map.copyOf(routes);
        integrations = integrations == null ? Map.of() : Map.copyOf(integrations);
        stages = stages == null ? Map.of() : Map.copyOf(stages);
        deployments = deployments == null ? Map.of() : Map.copyOf(deployments);
    }

    /** A new API with nothing but its settings. */
    static ApiDefinition of(Api api) {
        return new ApiDefinition(api, Map.of(), Map.of(), Map.of(), Map.of());
    }

    ApiDefinition withApi(Api changed) {
        return new ApiDefinition(changed, routes, integrations, stages, deployments);
    }

    ApiDefinition withRoute(Route route) {
        return new ApiDefinition(api, put(routes, route.routeId(), route), integrations, stages, deployments);
    }

    ApiDefinition withoutRoute(String routeId) {
        return new ApiDefinition(api, remove(routes, routeId), integrations, stages, deployments);
    }

    ApiDefinition withRoutesAndIntegrations(Map<String, Route> newRoutes, Map<String, Integration> newIntegrations) {
        return new ApiDefinition(api, newRoutes, newIntegrations, stages, deployments);
    }

    ApiDefinition withIntegration(Integration integration) {
        return new ApiDefinition(api, routes, put(integrations, integration.integrationId(), integration), stages,
                deployments);
    }

    ApiDefinition withoutIntegration(String integrationId) {
        return new ApiDefinition(api, routes, remove(integrations, integrationId), stages, deployments);
    }

    ApiDefinition withStage(Stage stage) {
        return new ApiDefinition(api, routes, integrations, put(stages, stage.stageName(), stage), deployments);
    }

    ApiDefinition withoutStage(String stageName) {
        return new ApiDefinition(api, routes, integrations, remove(stages, stageName), deployments);
    }

    ApiDefinition withDeployment(Deployment deployment) {
        return new ApiDefinition(api, routes, integrations, stages,
                put(deployments, deployment.deploymentId(), deployment));
    }

    ApiDefinition withoutDeployment(String deploymentId) {
        return new ApiDefinition(api, routes, integrations, stages, remove(deployments, deploymentId));
    }

    /** A deployment of the current routes and integrations. */
    Deployment snapshot(String deploymentId, String description, Instant now, boolean autoDeployed) {
        return new Deployment(deploymentId, description, now, autoDeployed, routes, integrations);
    }

    /**
     * This definition with its routes and integrations deployed to every stage that auto-deploys (one new deployment
     * for them all), or unchanged when none does.
     */
    ApiDefinition autoDeployed(Supplier<String> newId, Instant now) {
        if (stages.values().stream().noneMatch(Stage::autoDeploy)) {
            return this;
        }
        Deployment deployment = snapshot(newId.get(), null, now, true);
        Map<String, Stage> deployedStages = new HashMap<>(stages);
        deployedStages.replaceAll((name, stage) -> stage.autoDeploy() ? stage.deployed(deployment.deploymentId(), now)
                : stage);
        return new ApiDefinition(api, routes, integrations, deployedStages,
                put(deployments, deployment.deploymentId(), deployment));
    }

    private static <V> Map<String, V> put(Map<String, V> map, String key, V value) {
        Map<String, V> copy = new HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static <V> Map<String, V> remove(Map<String, V> map, String key) {
        Map<String, V> copy = new HashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
