package dev.gust.apigateway.rest;

import dev.gust.core.Account;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A REST API ({@code apigateway} v1): its settings, its resource tree with their methods and integrations, and its
 * stages. Its deployments are kept beside it ({@link Deployment}). Immutable: every change makes a new one.
 *
 * @param account the account and region the API lives in
 * @param id the API's id: ten lower-case letters and digits, unique across accounts and regions
 * @param name its name
 * @param description its description, or {@code null}
 * @param createdDate epoch seconds
 * @param version its version, or {@code null}
 * @param binaryMediaTypes the media types it treats as binary
 * @param apiKeySource {@code HEADER} or {@code AUTHORIZER}
 * @param endpointTypes {@code EDGE}, {@code REGIONAL} or {@code PRIVATE}
 * @param disableExecuteApiEndpoint whether the default invoke URL is off
 * @param tags its tags
 * @param rootResourceId the id of its root resource {@code /}
 * @param resources its resources by id, in creation order
 * @param stages its stages by name
 */
public record RestApi(Account account, String id, String name, String description, long createdDate, String version,
        List<String> binaryMediaTypes, String apiKeySource, List<String> endpointTypes,
        boolean disableExecuteApiEndpoint, Map<String, String> tags, String rootResourceId,
        Map<String, ApiResource> resources, Map<String, Stage> stages) {

    public RestApi {
        binaryMediaTypes = binaryMediaTypes == null ? List.of() : List.copyOf(binaryMediaTypes);
        endpointTypes = endpointTypes == null ? List.of("EDGE") : List.copyOf(endpointTypes);
        tags = tags == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(tags));
        resources = resources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        stages = stages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(stages));
    }

    /** This API with {@code resources} instead of its own (in that order). */
    public RestApi withResources(List<ApiResource> changed) {
        Map<String, ApiResource> byId = new LinkedHashMap<>();
        changed.forEach(resource -> byId.put(resource.id(), resource));
        return new RestApi(account, id, name, description, createdDate, version, binaryMediaTypes, apiKeySource,
                endpointTypes, disableExecuteApiEndpoint, tags, rootResourceId, byId, stages);
    }

    /** This API with {@code resource} added or replaced. */
    public RestApi withResource(ApiResource resource) {
        Map<String, ApiResource> changed = new LinkedHashMap<>(resources);
        changed.put(resource.id(), resource);
        return new RestApi(account, id, name, description, createdDate, version, binaryMediaTypes, apiKeySource,
                endpointTypes, disableExecuteApiEndpoint, tags, rootResourceId, changed, stages);
    }

    /** This API with {@code stage} added or replaced. */
    public RestApi withStage(Stage stage) {
        Map<String, Stage> changed = new TreeMap<>(stages);
        changed.put(stage.stageName(), stage);
        return withStages(changed);
    }

    /** This API without the stage {@code stageName}. */
    public RestApi withoutStage(String stageName) {
        Map<String, Stage> changed = new TreeMap<>(stages);
        changed.remove(stageName);
        return withStages(changed);
    }

    private RestApi withStages(Map<String, Stage> changed) {
        return new RestApi(account, id, name, description, createdDate, version, binaryMediaTypes, apiKeySource,
                endpointTypes, disableExecuteApiEndpoint, tags, rootResourceId, resources, changed);
    }

    /** This API with another name, description, version and binary media types, keeping the rest. */
    public RestApi withSettingsOf(String newName, String newDescription, String newVersion,
            List<String> newBinaryMediaTypes) {
        return new RestApi(account, id, newName, newDescription, createdDate, newVersion, newBinaryMediaTypes,
                apiKeySource, endpointTypes, disableExecuteApiEndpoint, tags, rootResourceId, resources, stages);
    }

    /** The root resource {@code /}. */
    public ApiResource root() {
        return resources.get(rootResourceId);
    }
}
