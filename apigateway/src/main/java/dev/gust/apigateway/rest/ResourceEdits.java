package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Changes to a REST API's resource tree, checked as API Gateway checks them: path parts, one variable child per
 * resource, no child below a greedy variable, no two siblings with one name. Pure: each returns a new API or throws
 * {@code BadRequestException}/{@code ConflictException}/{@code NotFoundException}. Stateless.
 */
final class ResourceEdits {

    private static final Pattern PATH_PART = Pattern.compile("[a-zA-Z0-9._:-]+|\\{[a-zA-Z0-9._-]+\\+?}");

    private ResourceEdits() {
    }

    /** The resource {@code resourceId} of {@code api}; {@code NotFoundException} when it has none. */
    static ApiResource require(RestApi api, String resourceId) {
        ApiResource resource = resourceId == null ? null : api.resources().get(resourceId);
        if (resource == null) {
            throw ApiGatewayErrors.notFound("Invalid Resource identifier specified");
        }
        return resource;
    }

    /** {@code api} with a new child {@code pathPart} of {@code parentId}, whose id is {@code id}. */
    static RestApi createChild(RestApi api, String parentId, String pathPart, String id) {
        ApiResource parent = require(api, parentId);
        if (pathPart == null || !PATH_PART.matcher(pathPart).matches()) {
            throw ApiGatewayErrors.badRequest("Resource's path part only allow a-zA-Z0-9._- and curly braces at the"
                    + " beginning and the end and an optional plus sign before the closing brace.");
        }
        if (parent.greedy()) {
            throw ApiGatewayErrors.badRequest("Cannot create a child of a resource with a greedy path variable: "
                    + parent.pathPart());
        }
        for (ApiResource sibling : api.resources().values()) {
            if (!parent.id().equals(sibling.parentId())) {
                continue;
            }
            if (sibling.pathPart().equalsIgnoreCase(pathPart)) {
                throw ApiGatewayErrors.conflict("Another resource with the same parent already has this name: "
                        + pathPart);
            }
            if (sibling.variable() && pathPart.startsWith("{")) {
                throw ApiGatewayErrors.badRequest("A sibling (" + sibling.pathPart()
                        + ") of this resource already has a variable path part -- only one is allowed");
            }
        }
        return api.withResource(ApiResource.child(id, parent, pathPart));
    }

    /** {@code api} without the resource {@code resourceId} and everything below it. */
    static RestApi delete(RestApi api, String resourceId) {
        ApiResource resource = require(api, resourceId);
        if (resource.parentId() == null) {
            throw ApiGatewayErrors.badRequest("Cannot delete root resource");
        }
        Set<String> gone = new HashSet<>(Set.of(resourceId));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ApiResource other : api.resources().values()) {
                if (other.parentId() != null && gone.contains(other.parentId()) && gone.add(other.id())) {
                    grew = true;
                }
            }
        }
        List<ApiResource> kept = new ArrayList<>();
        api.resources().values().stream().filter(r -> !gone.contains(r.id())).forEach(kept::add);
        return api.withResources(kept);
    }

    /**
     * {@code api} with the resources {@code paths} needs (created below the root as needed, ids from
     * {@code ids}) and their methods: in {@code overwrite} mode the tree is replaced (the root keeps its id), else the
     * methods are merged into it.
     */
    static RestApi apply(RestApi api, Map<String, Map<String, ApiMethod>> paths, boolean overwrite) {
        Map<String, ApiResource> byPath = new LinkedHashMap<>();
        if (overwrite) {
            byPath.put("/", ApiResource.root(api.rootResourceId()));
        } else {
            api.resources().values().forEach(resource -> byPath.put(resource.path(), resource));
        }
        Set<String> ids = new HashSet<>();
        byPath.values().forEach(resource -> ids.add(resource.id()));
        for (Map.Entry<String, Map<String, ApiMethod>> path : paths.entrySet()) {
            ApiResource resource = byPath.get("/");
            for (String part : path.getKey().split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                String childPath = ("/".equals(resource.path()) ? "" : resource.path()) + "/" + part;
                ApiResource child = byPath.get(childPath);
                if (child == null) {
                    String id = RestApiIds.fresh(6, ids);
                    ids.add(id);
                    RestApi partial = api.withResources(List.copyOf(byPath.values()));
                    child = createChild(partial, resource.id(), part, id).resources().get(id);
                    byPath.put(childPath, child);
                }
                resource = child;
            }
            for (ApiMethod method : path.getValue().values()) {
                ApiIntegration integration = method.integration();
                if (integration != null && integration.cacheNamespace() == null) {
                    method = method.withIntegration(new ApiIntegration(integration.type(), integration.httpMethod(),
                            integration.uri(), integration.passthroughBehavior(), integration.timeoutInMillis(),
                            resource.id(), integration.cacheKeyParameters(), integration.contentHandling()));
                }
                resource = resource.withMethod(method);
            }
            byPath.put(resource.path(), resource);
        }
        return api.withResources(List.copyOf(byPath.values()));
    }
}
