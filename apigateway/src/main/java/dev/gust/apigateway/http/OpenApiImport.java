package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gust.httpevents.CorsConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An OpenAPI definition (3.0, or Swagger 2.0; JSON or YAML) read as API Gateway imports it into an HTTP API: each
 * operation of each path a route ({@code x-amazon-apigateway-any-method} is {@code ANY}, the path {@code $default}
 * the catch-all), each distinct {@code x-amazon-apigateway-integration} of type {@code aws_proxy} an integration,
 * {@code info} the API's name, version and description, {@code x-amazon-apigateway-cors} its CORS configuration.
 * Stateless.
 *
 * @param name {@code info.title}
 * @param version {@code info.version}, or {@code null}
 * @param description {@code info.description}, or {@code null}
 * @param cors the CORS configuration, or {@code null}
 * @param routes the routes by id
 * @param integrations the integrations by id
 * @param warnings what was left out, as API Gateway's warnings
 */
record OpenApiImport(String name, String version, String description, CorsConfig cors, Map<String, Route> routes,
        Map<String, Integration> integrations, List<String> warnings) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<String, String> METHODS = Map.of("get", "GET", "put", "PUT", "post", "POST", "delete",
            "DELETE", "options", "OPTIONS", "head", "HEAD", "patch", "PATCH", "x-amazon-apigateway-any-method", "ANY");
    private static final String INTEGRATION = "x-amazon-apigateway-integration";

    /**
     * Reads {@code body}.
     *
     * @param newId makes the ids of routes and integrations
     * @throws dev.gust.edge.EdgeException {@code BadRequestException} when it is not a definition API Gateway imports
     */
    static OpenApiImport read(String body, Supplier<String> newId) {
        JsonNode root = parse(body);
        if (!root.isObject() || !(root.path("openapi").asText("").startsWith("3.")
                || root.path("swagger").asText("").equals("2.0"))) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI definition: the document must be an OpenAPI 3.0 or"
                    + " Swagger 2.0 definition");
        }
        JsonNode info = root.path("info");
        String title = info.path("title").isTextual() ? info.path("title").textValue() : null;
        if (title == null || title.isBlank()) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI definition: info.title is required");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, Route> routes = new LinkedHashMap<>();
        Map<String, Integration> integrations = new LinkedHashMap<>();
        Map<List<Object>, String> integrationIds = new HashMap<>();
        JsonNode paths = root.path("paths");
        for (var path : paths.properties()) {
            if (!path.getValue().isObject()) {
                continue;
            }
            for (var operation : path.getValue().properties()) {
                String method = METHODS.get(operation.getKey().toLowerCase(Locale.ROOT));
                if (method == null) {
                    continue;
                }
                String key = path.getKey().equals(RouteKey.DEFAULT) ? RouteKey.DEFAULT
                        : method + " " + path.getKey();
                ApiValidation.routeKey(key);
                if (routes.values().stream().anyMatch(route -> route.routeKey().equals(key))) {
                    continue;
                }
                String integrationId = integration(operation.getValue().path(INTEGRATION), key, newId, integrations,
                        integrationIds, warnings);
                String routeId = newId.get();
                routes.put(routeId, new Route(routeId, key,
                        integrationId == null ? null : Route.TARGET_PREFIX + integrationId,
                        security(operation.getValue()), textOrNull(operation.getValue().path("operationId")), false));
            }
        }
        return new OpenApiImport(title.length() > 128 ? title.substring(0, 128) : title,
                textOrNull(info.path("version")), textOrNull(info.path("description")),
                cors(root.path("x-amazon-apigateway-cors")), routes, integrations, warnings);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI definition: the body is empty");
        }
        try {
            return body.stripLeading().startsWith("{") ? JSON.readTree(body) : YAML.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI definition: the body is neither JSON nor YAML");
        }
    }

    /** The id of the integration {@code node} describes (a new one, or an equal one's), or {@code null}. */
    private static String integration(JsonNode node, String routeKey, Supplier<String> newId,
            Map<String, Integration> integrations, Map<List<Object>, String> ids, List<String> warnings) {
        if (!node.isObject()) {
            return null;
        }
        String type = node.path("type").asText("");
        if (!type.equalsIgnoreCase("aws_proxy")) {
            warnings.add("Gust imports aws_proxy integrations only: the " + type + " integration of route "
                    + routeKey + " was left out");
            return null;
        }
        String uri = ApiValidation.integrationUri(textOrNull(node.path("uri")));
        String version = ApiValidation.payloadFormatVersion(node.path("payloadFormatVersion").asText("1.0"));
        int timeout = ApiValidation.timeout(node.path("timeoutInMillis").isInt()
                ? node.path("timeoutInMillis").intValue() : null);
        return ids.computeIfAbsent(List.of(uri, version, timeout), unused -> {
            String id = newId.get();
            integrations.put(id, new Integration(id, uri, version, timeout, null, false));
            return id;
        });
    }

    /** {@code AWS_IAM} when the operation's security names {@code sigv4}, else {@code NONE}. */
    private static String security(JsonNode operation) {
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has("sigv4")) {
                return "AWS_IAM";
            }
        }
        return "NONE";
    }

    private static CorsConfig cors(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        return new CorsConfig(node.path("allowCredentials").asBoolean(false), strings(node.path("allowHeaders")),
                strings(node.path("allowMethods")), strings(node.path("allowOrigins")),
                strings(node.path("exposeHeaders")),
                node.path("maxAge").isInt() ? node.path("maxAge").intValue() : null);
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String textOrNull(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
