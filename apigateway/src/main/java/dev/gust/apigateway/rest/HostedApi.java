package dev.gust.apigateway.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A REST API as the registry holds it: its definition, its deployments, and for each stage the route table of the
 * deployment it serves (what the data plane matches requests against, without touching storage). Immutable.
 *
 * @param api the definition and stages
 * @param deployments the deployments by id, in creation order
 * @param routes the route table of each stage's deployment, by stage name
 */
record HostedApi(RestApi api, Map<String, Deployment> deployments, Map<String, RouteTable> routes) {

    HostedApi {
        deployments = Collections.unmodifiableMap(new LinkedHashMap<>(deployments));
        routes = Collections.unmodifiableMap(new TreeMap<>(routes));
    }

    /** {@code api} with {@code deployments}, its stages' route tables built (reusing this one's where unchanged). */
    static HostedApi of(RestApi api, Map<String, Deployment> deployments, Map<String, RouteTable> previous,
            Map<String, Stage> previousStages) {
        Map<String, RouteTable> routes = new TreeMap<>();
        for (Stage stage : api.stages().values()) {
            Stage before = previousStages.get(stage.stageName());
            RouteTable table = before != null && before.deploymentId().equals(stage.deploymentId())
                    ? previous.get(stage.stageName()) : null;
            Deployment deployment = deployments.get(stage.deploymentId());
            if (table == null && deployment != null) {
                table = RouteTable.of(deployment.resources());
            }
            if (table != null) {
                routes.put(stage.stageName(), table);
            }
        }
        return new HostedApi(api, deployments, routes);
    }

    /** This API with {@code changed} as its definition (and stages). */
    HostedApi with(RestApi changed) {
        return of(changed, deployments, routes, api.stages());
    }

    /** This API with {@code deployment} added and {@code changed} as its definition. */
    HostedApi with(RestApi changed, Deployment deployment) {
        Map<String, Deployment> more = new LinkedHashMap<>(deployments);
        more.put(deployment.id(), deployment);
        return of(changed, more, routes, api.stages());
    }
}
