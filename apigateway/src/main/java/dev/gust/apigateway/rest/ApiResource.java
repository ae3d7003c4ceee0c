package dev.gust.apigateway.rest;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource of a REST API: one node of its path tree, with its methods. Immutable.
 *
 * @param id the resource's id
 * @param parentId the parent's id, {@code null} for the root
 * @param pathPart the last path segment ({@code items}, {@code {id}}, {@code {proxy+}}), {@code null} for the root
 * @param path the full path ({@code /items/{id}}); {@code /} for the root
 * @param methods the methods by verb
 */
public record ApiResource(String id, String parentId, String pathPart, String path, Map<String, ApiMethod> methods) {

    public ApiResource {
        methods = methods == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(methods));
    }

    /** The root resource {@code /} with the id {@code id}. */
    public static ApiResource root(String id) {
        return new ApiResource(id, null, null, "/", Map.of());
    }

    /** The child of {@code parent} named {@code pathPart}. */
    public static ApiResource child(String id, ApiResource parent, String pathPart) {
        String path = ("/".equals(parent.path) ? "" : parent.path) + "/" + pathPart;
        return new ApiResource(id, parent.id, pathPart, path, Map.of());
    }

    /** This resource with {@code method} put under its verb. */
    public ApiResource withMethod(ApiMethod method) {
        Map<String, ApiMethod> changed = new TreeMap<>(methods);
        changed.put(method.httpMethod(), method);
        return new ApiResource(id, parentId, pathPart, path, changed);
    }

    /** This resource without its method {@code httpMethod}. */
    public ApiResource withoutMethod(String httpMethod) {
        Map<String, ApiMethod> changed = new TreeMap<>(methods);
        changed.remove(httpMethod);
        return new ApiResource(id, parentId, pathPart, path, changed);
    }

    /** Whether the path part is a greedy variable ({@code {proxy+}}). */
    public boolean greedy() {
        return pathPart != null && pathPart.endsWith("+}");
    }

    /** Whether the path part is a variable ({@code {id}} or {@code {proxy+}}). */
    public boolean variable() {
        return pathPart != null && pathPart.startsWith("{");
    }

    /** The variable's name ({@code id} for {@code {id}}, {@code proxy} for {@code {proxy+}}), or {@code null}. */
    public String variableName() {
        if (!variable()) {
            return null;
        }
        return pathPart.substring(1, pathPart.length() - (greedy() ? 2 : 1));
    }
}
