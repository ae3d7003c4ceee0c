package dev.gust.apigateway.rest;

import java.util.List;

/**
 * A deployment of a REST API: the snapshot of its resources, methods and integrations at the time, which the stages
 * that point at it serve. Never changed once made. Immutable.
 *
 * @param id the deployment's id
 * @param description its description, or {@code null}
 * @param createdDate when it was made, epoch seconds
 * @param resources the API's resources as they were
 */
public record Deployment(String id, String description, long createdDate, List<ApiResource> resources) {

    public Deployment {
        resources = List.copyOf(resources);
    }
}
