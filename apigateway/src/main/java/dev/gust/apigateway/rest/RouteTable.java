package dev.gust.apigateway.rest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource tree of one deployment, compiled for matching request paths as API Gateway does: per segment a
 * literal path part wins over a variable ({@code {id}}), which wins over a greedy variable ({@code {proxy+}}, one
 * or more segments); a resource matches only if it has the request's method or {@code ANY} (the method itself
 * preferred), else the next candidate is tried. Paths are matched as sent (percent-encoding kept); leading slashes
 * collapse to one and a trailing slash is ignored. Immutable and thread-safe; built once per deployment.
 */
public final class RouteTable {

    /**
     * A matched route.
     *
     * @param resource the resource matched
     * @param method the method that serves the request (the request's verb, or {@code ANY})
     * @param pathParameters the variables' values by name, empty when the resource has none
     */
    public record Route(ApiResource resource, ApiMethod method, Map<String, String> pathParameters) {
    }

    private final Node root;

    private RouteTable(Node root) {
        this.root = root;
    }

    /** The table of {@code resources} (one of which is the root {@code /}). */
    public static RouteTable of(List<ApiResource> resources) {
        Map<String, Node> nodes = new HashMap<>();
        for (ApiResource resource : resources) {
            nodes.put(resource.id(), new Node(resource));
        }
        Node root = null;
        for (ApiResource resource : resources) {
            Node node = nodes.get(resource.id());
            Node parent = resource.parentId() == null ? null : nodes.get(resource.parentId());
            if (parent == null) {
                root = resource.parentId() == null ? node : root;
            } else if (resource.greedy()) {
                parent.greedy = node;
            } else if (resource.variable()) {
                parent.variable = node;
            } else {
                parent.literals.put(resource.pathPart(), node);
            }
        }
        return new RouteTable(root == null ? new Node(ApiResource.root("")) : root);
    }

    /** The route for {@code httpMethod} on {@code path} (the path after the stage, starting with {@code /}). */
    public Optional<Route> match(String httpMethod, String path) {
        String trimmed = path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String[] segments = trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
        return match(root, segments, 0, trimmed, 0, httpMethod, new ArrayList<>());
    }

    /**
     * Matches {@code segments[index..]} below {@code node}; {@code offset} is where {@code segments[index]} starts in
     * {@code path}, for the greedy remainder; {@code bound} holds the variables bound so far (name, value).
     */
    private static Optional<Route> match(Node node, String[] segments, int index, String path, int offset,
            String httpMethod, List<String[]> bound) {
        if (index == segments.length) {
            ApiMethod method = node.resource.methods().get(httpMethod);
            if (method == null) {
                method = node.resource.methods().get("ANY");
            }
            if (method == null) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            bound.forEach(pair -> parameters.put(pair[0], pair[1]));
            return Optional.of(new Route(node.resource, method, parameters));
        }
        String segment = segments[index];
        int next = offset + segment.length() + 1;
        Node literal = node.literals.get(segment);
        if (literal != null) {
            Optional<Route> route = match(literal, segments, index + 1, path, next, httpMethod, bound);
            if (route.isPresent()) {
                return route;
            }
        }
        if (node.variable != null && !segment.isEmpty()) {
            bound.add(new String[] {node.variable.resource.variableName(), segment});
            Optional<Route> route = match(node.variable, segments, index + 1, path, next, httpMethod, bound);
            bound.removeLast();
            if (route.isPresent()) {
                return route;
            }
        }
        if (node.greedy != null) {
            bound.add(new String[] {node.greedy.resource.variableName(), path.substring(offset)});
            Optional<Route> route = match(node.greedy, segments, segments.length, path, path.length(), httpMethod,
                    bound);
            bound.removeLast();
            return route;
        }
        return Optional.empty();
    }

    /** One resource with its children by kind. */
    private static final class Node {
        final ApiResource resource;
        final Map<String, Node> literals = new HashMap<>();
        Node variable;
        Node greedy;

        Node(ApiResource resource) {
            this.resource = resource;
        }
    }
}
