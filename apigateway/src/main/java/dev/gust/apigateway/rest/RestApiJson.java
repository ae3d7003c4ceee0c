package dev.gust.apigateway.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The wire shapes of REST API management responses (rest-json, camelCase, dates as epoch seconds, lists under
 * {@code item}), as API Gateway writes them: optional members are left out when unset or empty. Stateless.
 */
final class RestApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private RestApiJson() {
    }

    static ObjectNode restApi(RestApi api, List<String> warnings) {
        ObjectNode node = MAPPER.createObjectNode().put("id", api.id()).put("name", api.name());
        putIfSet(node, "description", api.description());
        node.put("createdDate", api.createdDate());
        putIfSet(node, "version", api.version());
        if (warnings != null && !warnings.isEmpty()) {
            warnings.forEach(node.putArray("warnings")::add);
        }
        if (!api.binaryMediaTypes().isEmpty()) {
            api.binaryMediaTypes().forEach(node.putArray("binaryMediaTypes")::add);
        }
        node.put("apiKeySource", api.apiKeySource());
        ObjectNode endpoint = node.putObject("endpointConfiguration");
        api.endpointTypes().forEach(endpoint.putArray("types")::add);
        endpoint.put("ipAddressType", "ipv4");
        if (!api.tags().isEmpty()) {
            ObjectNode tags = node.putObject("tags");
            api.tags().forEach(tags::put);
        }
        node.put("disableExecuteApiEndpoint", api.disableExecuteApiEndpoint());
        node.put("rootResourceId", api.rootResourceId());
        return node;
    }

    static ObjectNode resource(ApiResource resource, boolean embedMethods) {
        ObjectNode node = MAPPER.createObjectNode().put("id", resource.id());
        putIfSet(node, "parentId", resource.parentId());
        putIfSet(node, "pathPart", resource.pathPart());
        node.put("path", resource.path());
        if (!resource.methods().isEmpty()) {
            ObjectNode methods = node.putObject("resourceMethods");
            resource.methods().forEach((verb, method) -> methods.set(verb,
                    embedMethods ? method(method) : MAPPER.createObjectNode()));
        }
        return node;
    }

    static ObjectNode method(ApiMethod method) {
        ObjectNode node = MAPPER.createObjectNode().put("httpMethod", method.httpMethod())
                .put("authorizationType", method.authorizationType()).put("apiKeyRequired", method.apiKeyRequired());
        putIfSet(node, "operationName", method.operationName());
        if (!method.requestParameters().isEmpty()) {
            ObjectNode parameters = node.putObject("requestParameters");
            method.requestParameters().forEach(parameters::put);
        }
        if (method.integration() != null) {
            node.set("methodIntegration", integration(method.integration()));
        }
        return node;
    }

    static ObjectNode integration(ApiIntegration integration) {
        ObjectNode node = MAPPER.createObjectNode().put("type", integration.type())
                .put("httpMethod", integration.httpMethod()).put("uri", integration.uri())
                .put("passthroughBehavior", integration.passthroughBehavior());
        putIfSet(node, "contentHandling", integration.contentHandling());
        node.put("timeoutInMillis", integration.timeoutInMillis());
        putIfSet(node, "cacheNamespace", integration.cacheNamespace());
        integration.cacheKeyParameters().forEach(node.putArray("cacheKeyParameters")::add);
        return node;
    }

    static ObjectNode deployment(Deployment deployment) {
        ObjectNode node = MAPPER.createObjectNode().put("id", deployment.id());
        putIfSet(node, "description", deployment.description());
        return node.put("createdDate", deployment.createdDate());
    }

    static ObjectNode stage(Stage stage) {
        ObjectNode node = MAPPER.createObjectNode().put("deploymentId", stage.deploymentId())
                .put("stageName", stage.stageName());
        putIfSet(node, "description", stage.description());
        node.put("cacheClusterEnabled", stage.cacheClusterEnabled()).put("cacheClusterStatus", "NOT_AVAILABLE");
        node.putObject("methodSettings");
        if (!stage.variables().isEmpty()) {
            ObjectNode variables = node.putObject("variables");
            stage.variables().forEach(variables::put);
        }
        return node.put("tracingEnabled", stage.tracingEnabled()).put("createdDate", stage.createdDate())
                .put("lastUpdatedDate", stage.lastUpdatedDate());
    }

    /** A page of a collection: {@code {"position": ..., "item": [...]}} (no {@code position} on the last page). */
    static ObjectNode page(List<ObjectNode> items, String position) {
        ObjectNode node = MAPPER.createObjectNode();
        putIfSet(node, "position", position);
        ArrayNode array = node.putArray("item");
        items.forEach(array::add);
        return node;
    }

    /** A map of strings as a JSON object. */
    static ObjectNode strings(Map<String, String> values) {
        ObjectNode node = MAPPER.createObjectNode();
        values.forEach(node::put);
        return node;
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
