package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads an OpenAPI 3 or Swagger 2 definition (JSON or YAML) as {@code ImportRestApi} and {@code PutRestApi} do:
 * {@code info}, the {@code paths} with their operations ({@code x-amazon-apigateway-any-method} is {@code ANY}),
 * {@code x-amazon-apigateway-integration} of type {@code aws_proxy}, path parameters, and {@code security} schemes
 * with {@code x-amazon-apigateway-authtype: awsSigv4} ({@code AWS_IAM}). Other integration types are left out with a
 * warning. Stateless.
 */
final class OpenApiImport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> VERBS = Set.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final String ANY = "x-amazon-apigateway-any-method";
    private static final String INTEGRATION = "x-amazon-apigateway-integration";
    private static final Pattern PATH = Pattern.compile("(/[a-zA-Z0-9._-]+|/\\{[a-zA-Z0-9._-]+\\+?})*/?");

    private OpenApiImport() {
    }

    /** The API {@code body} defines; {@link RestApiErrors#badRequest} when it is not a definition API Gateway takes. */
    static ImportedApi read(byte[] body) {
        JsonNode root = parse(body);
        if (!root.isObject() || (!root.has("openapi") && !root.has("swagger"))) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
        }
        JsonNode info = root.path("info");
        String title = text(info.path("title"));
        if (title == null || title.isBlank()) {
            throw ApiGatewayErrors.badRequest("Errors found during import:\n\tInvalid REST API name specified: the"
                    + " definition has no info.title");
        }
        List<String> warnings = new ArrayList<>();
        Map<String, String> schemes = authTypes(root);
        JsonNode globalSecurity = root.path("security");
        Map<String, Map<String, ApiMethod>> paths = new LinkedHashMap<>();
        var fields = root.path("paths").properties();
        for (Map.Entry<String, JsonNode> path : fields) {
            if (!PATH.matcher(path.getKey()).matches()) {
                throw ApiGatewayErrors.badRequest("Errors found during import:\n\tInvalid resource path: "
                        + path.getKey());
            }
            Map<String, ApiMethod> methods = new TreeMap<>();
            JsonNode shared = path.getValue().path("parameters");
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String key = operation.getKey().toLowerCase(Locale.ROOT);
                String verb = ANY.equals(key) ? "ANY" : VERBS.contains(key) ? key.toUpperCase(Locale.ROOT) : null;
                if (verb != null && operation.getValue().isObject()) {
                    methods.put(verb, method(verb, path.getKey(), operation.getValue(), shared, schemes,
                            globalSecurity, warnings));
                }
            }
            paths.put(path.getKey(), methods);
        }
        List<String> binary = new ArrayList<>();
        root.path("x-amazon-apigateway-binary-media-types").forEach(type -> binary.add(type.asText()));
        return new ImportedApi(title, text(info.path("description")), text(info.path("version")), binary, paths,
                warnings);
    }

    private static JsonNode parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
        }
        try {
            JsonNode node = (text.startsWith("{") ? JSON : YAML).readTree(text);
            if (node == null) {
                throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiGatewayErrors.badRequest("Invalid OpenAPI input.");
        }
    }

    /** The security schemes that mean {@code AWS_IAM}, by name. */
    private static Map<String, String> authTypes(JsonNode root) {
        Map<String, String> types = new TreeMap<>();
        JsonNode schemes = root.has("components") ? root.path("components").path("securitySchemes")
                : root.path("securityDefinitions");
        for (Map.Entry<String, JsonNode> scheme : schemes.properties()) {
            String authType = text(scheme.getValue().path("x-amazon-apigateway-authtype"));
            if ("awsSigv4".equalsIgnoreCase(authType)) {
                types.put(scheme.getKey(), "AWS_IAM");
            }
        }
        return types;
    }

    private static ApiMethod method(String verb, String path, JsonNode operation, JsonNode shared,
            Map<String, String> schemes, JsonNode globalSecurity, List<String> warnings) {
        JsonNode security = operation.has("security") ? operation.path("security") : globalSecurity;
        String authorizationType = "NONE";
        for (JsonNode requirement : security) {
            for (Map.Entry<String, JsonNode> named : requirement.properties()) {
                if (schemes.containsKey(named.getKey())) {
                    authorizationType = schemes.get(named.getKey());
                }
            }
        }
        Map<String, Boolean> parameters = new TreeMap<>();
        for (JsonNode list : List.of(shared, operation.path("parameters"))) {
            for (JsonNode parameter : list) {
                String in = text(parameter.path("in"));
                String name = text(parameter.path("name"));
                if (name != null && ("path".equals(in) || "query".equals(in) || "header".equals(in))) {
                    String where = "query".equals(in) ? "querystring" : in;
                    parameters.put("method.request." + where + "." + name,
                            "path".equals(in) || parameter.path("required").asBoolean(false));
                }
            }
        }
        return new ApiMethod(verb, authorizationType, false, text(operation.path("operationId")), parameters,
                integration(verb, path, operation.path(INTEGRATION), warnings));
    }

    private static ApiIntegration integration(String verb, String path, JsonNode integration, List<String> warnings) {
        if (integration.isMissingNode()) {
            return null;
        }
        String type = text(integration.path("type"));
        if (type == null || !"AWS_PROXY".equalsIgnoreCase(type)) {
            warnings.add("Ignoring the integration of " + verb + " " + path + ": Gust serves integrations of type"
                    + " AWS_PROXY only, not " + type);
            return null;
        }
        JsonNode uriNode = integration.path("uri");
        if (!uriNode.isTextual()) {
            throw ApiGatewayErrors.badRequest("Errors found during import:\n\tUnable to put integration on '" + verb
                    + "' for resource at path '" + path + "': Invalid ARN specified in the request");
        }
        String uri = uriNode.asText();
        try {
            LambdaUri.validate(uri);
        } catch (dev.gust.edge.EdgeException e) {
            throw ApiGatewayErrors.badRequest("Errors found during import:\n\tUnable to put integration on '" + verb
                    + "' for resource at path '" + path + "': " + e.getMessage());
        }
        String httpMethod = text(integration.path("httpMethod"));
        int timeout = integration.path("timeoutInMillis").asInt(ApiIntegration.DEFAULT_TIMEOUT_MILLIS);
        String passthrough = text(integration.path("passthroughBehavior"));
        return new ApiIntegration("AWS_PROXY", httpMethod == null ? "POST" : httpMethod.toUpperCase(Locale.ROOT), uri,
                passthrough == null ? "WHEN_NO_MATCH" : passthrough.toUpperCase(Locale.ROOT),
                Math.max(50, Math.min(timeout, ApiIntegration.DEFAULT_TIMEOUT_MILLIS)), null, List.of(),
                text(integration.path("contentHandling")));
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
