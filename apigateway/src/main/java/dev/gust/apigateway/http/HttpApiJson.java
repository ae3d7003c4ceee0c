package dev.gust.apigateway.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.httpevents.CorsConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire shapes of the v2 management API (camelCase, as the {@code apigatewayv2} model names them): an API, a
 * route, an integration, a stage, a deployment. Stateless.
 */
final class HttpApiJson {

    private HttpApiJson() {
    }

    /** The invoke URL of {@code api} on a server listening on {@code port}. */
    static String apiEndpoint(Api api, int port) {
        return "http://" + api.apiId() + ".execute-api." + api.account().region() + ".localhost:" + port;
    }

    static ObjectNode api(ApiDefinition definition, int port) {
        Api api = definition.api();
        ObjectNode node = ApiInput.JSON.createObjectNode();
        node.put("apiEndpoint", apiEndpoint(api, port));
        node.put("apiId", api.apiId());
        node.put("apiKeySelectionExpression", Api.API_KEY_SELECTION_EXPRESSION);
        if (api.cors() != null) {
            node.set("corsConfiguration", cors(api.cors()));
        }
        node.put("createdDate", api.createdDate().toString());
        putIfSet(node, "description", api.description());
        node.put("disableExecuteApiEndpoint", api.disableExecuteApiEndpoint());
        node.put("name", api.name());
        node.put("protocolType", "HTTP");
        node.put("routeSelectionExpression", Api.ROUTE_SELECTION_EXPRESSION);
        node.set("tags", map(api.tags()));
        putIfSet(node, "version", api.version());
        if (!api.warnings().isEmpty()) {
            node.set("warnings", list(api.warnings()));
        }
        return node;
    }

    static ObjectNode cors(CorsConfig cors) {
        ObjectNode node = ApiInput.JSON.createObjectNode();
        node.put("allowCredentials", cors.allowCredentials());
        putIfNotEmpty(node, "allowHeaders", cors.allowHeaders());
        putIfNotEmpty(node, "allowMethods", cors.allowMethods());
        putIfNotEmpty(node, "allowOrigins", cors.allowOrigins());
        putIfNotEmpty(node, "exposeHeaders", cors.exposeHeaders());
        if (cors.maxAge() != null) {
            node.put("maxAge", cors.maxAge());
        }
        return node;
    }

    static ObjectNode route(Route route) {
        ObjectNode node = ApiInput.JSON.createObjectNode();
        if (route.apiGatewayManaged()) {
            node.put("apiGatewayManaged", true);
        }
        node.put("apiKeyRequired", false);
        node.put("authorizationType", route.authorizationType());
        putIfSet(node, "operationName", route.operationName());
        node.put("routeId", route.routeId());
        node.put("routeKey", route.routeKey());
        putIfSet(node, "target", route.target());
        return node;
    }

    static ObjectNode integration(Integration integration) {
        ObjectNode node = ApiInput.JSON.createObjectNode();
        if (integration.apiGatewayManaged()) {
            node.put("apiGatewayManaged", true);
        }
        node.put("connectionType", "INTERNET");
        putIfSet(node, "description", integration.description());
        node.put("integrationId", integration.integrationId());
        node.put("integrationMethod", "POST");
        node.put("integrationType", Integration.AWS_PROXY);
        node.put("integrationUri", integration.integrationUri());
        node.put("payloadFormatVersion", integration.payloadFormatVersion());
        node.put("timeoutInMillis", integration.timeoutInMillis());
        return node;
    }

    static ObjectNode stage(Stage stage) {
        ObjectNode node = ApiInput.JSON.createObjectNode();
        if (stage.apiGatewayManaged()) {
            node.put("apiGatewayManaged", true);
        }
        node.put("autoDeploy", stage.autoDeploy());
        node.put("createdDate", stage.createdDate().toString());
        ObjectNode routeSettings = node.putObject("defaultRouteSettings");
        routeSettings.put("detailedMetricsEnabled", false);
        putIfSet(node, "deploymentId", stage.deploymentId());
        putIfSet(node, "description", stage.description());
        node.put("lastUpdatedDate", stage.lastUpdatedDate().toString());
        node.putObject("routeSettings");
        node.put("stageName", stage.stageName());
        node.set("stageVariables", map(stage.stageVariables()));
        node.set("tags", map(stage.tags()));
        return node;
    }

    static ObjectNode deployment(Deployment deployment) {
        ObjectNode node = ApiInput.JSON.createObjectNode();
        node.put("autoDeployed", deployment.autoDeployed());
        node.put("createdDate", deployment.createdDate().toString());
        node.put("deploymentId", deployment.deploymentId());
        node.put("deploymentStatus", "DEPLOYED");
        putIfSet(node, "description", deployment.description());
        return node;
    }

    /** A page of items ({@code {"items": [...], "nextToken": ...}}). */
    static ObjectNode page(List<ObjectNode> items, String nextToken) {
        ObjectNode node = ApiInput.JSON.createObjectNode();
        node.putArray("items").addAll(items);
        putIfSet(node, "nextToken", nextToken);
        return node;
    }

    private static ObjectNode map(Map<String, String> map) {
        ObjectNode node = ApiInput.JSON.createObjectNode();
        new TreeMap<>(map).forEach(node::put);
        return node;
    }

    private static ArrayNode list(List<String> list) {
        ArrayNode node = ApiInput.JSON.createArrayNode();
        list.forEach(node::add);
        return node;
    }

    private static void putIfSet(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putIfNotEmpty(ObjectNode node, String name, List<String> values) {
        if (!values.isEmpty()) {
            node.set(name, list(values));
        }
    }
}
