package dev.gust.apigateway.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.Account;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.ErrorWriter;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API management operations on the edge, rest-json under {@code /restapis} as in the API Gateway v1 API
 * reference: each runs on a worker thread (they write storage) in the caller's account and the signing region, and
 * answers API Gateway's shapes and errors. IAM actions are API Gateway's {@code apigateway:<HTTP method>} on
 * {@code arn:aws:apigateway:<region>::<path>}. Thread-safe.
 */
final class RestApiRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(RestApiRoutes.class);
    private static final String API = "/restapis/:restapi_id";
    private static final String RESOURCE = API + "/resources/:resource_id";
    private static final String METHOD = RESOURCE + "/methods/:http_method";

    /** What an operation answers: its status and body ({@code null} for none). */
    private record Answer(int status, ObjectNode body) {
    }

    private final RestApiService apis;
    private final ResourceService resources;
    private final StageService stages;

    RestApiRoutes(RestApiService apis, ResourceService resources, StageService stages) {
        this.apis = apis;
        this.resources = resources;
        this.stages = stages;
    }

    void register(ServiceRoutes routes) {
        add(routes, HttpMethod.POST, "/restapis", "CreateRestApi", this::createOrImport);
        add(routes, HttpMethod.GET, "/restapis", "GetRestApis", (ctx, account) -> new Answer(200,
                Pages.of(apis.list(account), RestApi::id, ctx, api -> RestApiJson.restApi(api, null))));
        add(routes, HttpMethod.GET, API, "GetRestApi", (ctx, account) ->
                new Answer(200, RestApiJson.restApi(apis.get(account, id(ctx)), null)));
        add(routes, HttpMethod.PUT, API, "PutRestApi", (ctx, account) -> {
            RestApiService.Imported put = apis.put(account, id(ctx), ctx.queryParams().get("mode"),
                    ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(), failOnWarnings(ctx));
            return new Answer(200, RestApiJson.restApi(put.api(), put.warnings()));
        });
        add(routes, HttpMethod.DELETE, API, "DeleteRestApi", (ctx, account) -> {
            apis.delete(account, id(ctx));
            return new Answer(202, null);
        });
        add(routes, HttpMethod.GET, API + "/resources", "GetResources", (ctx, account) -> {
            boolean embed = ctx.queryParam("embed").stream().anyMatch(e -> e.contains("methods"));
            return new Answer(200, Pages.of(resources.resources(account, id(ctx)), ApiResource::id, ctx,
                    resource -> RestApiJson.resource(resource, embed)));
        });
        add(routes, HttpMethod.GET, RESOURCE, "GetResource", (ctx, account) -> {
            boolean embed = ctx.queryParam("embed").stream().anyMatch(e -> e.contains("methods"));
            return new Answer(200, RestApiJson.resource(resources.resource(account, id(ctx),
                    ctx.pathParam("resource_id")), embed));
        });
        add(routes, HttpMethod.POST, RESOURCE, "CreateResource", (ctx, account) -> new Answer(201,
                RestApiJson.resource(resources.create(account, id(ctx), ctx.pathParam("resource_id"),
                        RequestBody.of(ctx.body().buffer()).text("pathPart")), false)));
        add(routes, HttpMethod.DELETE, RESOURCE, "DeleteResource", (ctx, account) -> {
            resources.delete(account, id(ctx), ctx.pathParam("resource_id"));
            return new Answer(202, null);
        });
        registerMethods(routes);
        registerStages(routes);
    }

    private void registerMethods(ServiceRoutes routes) {
        add(routes, HttpMethod.PUT, METHOD, "PutMethod", (ctx, account) -> {
            RequestBody body = RequestBody.of(ctx.body().buffer());
            return new Answer(201, RestApiJson.method(resources.putMethod(account, id(ctx),
                    ctx.pathParam("resource_id"), ctx.pathParam("http_method"), new ResourceService.MethodSettings(
                            body.text("authorizationType"), body.bool("apiKeyRequired"), body.text("operationName"),
                            body.boolMap("requestParameters")))));
        });
        add(routes, HttpMethod.GET, METHOD, "GetMethod", (ctx, account) -> new Answer(200, RestApiJson.method(
                resources.method(account, id(ctx), ctx.pathParam("resource_id"), ctx.pathParam("http_method")))));
        add(routes, HttpMethod.DELETE, METHOD, "DeleteMethod", (ctx, account) -> {
            resources.deleteMethod(account, id(ctx), ctx.pathParam("resource_id"), ctx.pathParam("http_method"));
            return new Answer(204, null);
        });
        add(routes, HttpMethod.PUT, METHOD + "/integration", "PutIntegration", (ctx, account) -> {
            RequestBody body = RequestBody.of(ctx.body().buffer());
            return new Answer(201, RestApiJson.integration(resources.putIntegration(account, id(ctx),
                    ctx.pathParam("resource_id"), ctx.pathParam("http_method"), new ResourceService.IntegrationSettings(
                            body.text("type"), body.text("httpMethod"), body.text("uri"),
                            body.text("passthroughBehavior"), body.integer("timeoutInMillis"),
                            body.text("cacheNamespace"), body.texts("cacheKeyParameters"),
                            body.text("contentHandling")))));
        });
        add(routes, HttpMethod.GET, METHOD + "/integration", "GetIntegration", (ctx, account) -> new Answer(200,
                RestApiJson.integration(resources.integration(account, id(ctx), ctx.pathParam("resource_id"),
                        ctx.pathParam("http_method")))));
        add(routes, HttpMethod.DELETE, METHOD + "/integration", "DeleteIntegration", (ctx, account) -> {
            resources.deleteIntegration(account, id(ctx), ctx.pathParam("resource_id"), ctx.pathParam("http_method"));
            return new Answer(204, null);
        });
    }

    private void registerStages(ServiceRoutes routes) {
        add(routes, HttpMethod.POST, API + "/deployments", "CreateDeployment", (ctx, account) -> {
            RequestBody body = RequestBody.of(ctx.body().buffer());
            return new Answer(201, RestApiJson.deployment(stages.deploy(account, id(ctx), body.text("stageName"),
                    body.text("stageDescription"), body.text("description"), body.textMap("variables"))));
        });
        add(routes, HttpMethod.GET, API + "/deployments", "GetDeployments", (ctx, account) -> new Answer(200,
                Pages.of(stages.deployments(account, id(ctx)), Deployment::id, ctx, RestApiJson::deployment)));
        add(routes, HttpMethod.GET, API + "/deployments/:deployment_id", "GetDeployment", (ctx, account) ->
                new Answer(200, RestApiJson.deployment(stages.deployment(account, id(ctx),
                        ctx.pathParam("deployment_id")))));
        add(routes, HttpMethod.POST, API + "/stages", "CreateStage", (ctx, account) -> {
            RequestBody body = RequestBody.of(ctx.body().buffer());
            return new Answer(201, RestApiJson.stage(stages.create(account, id(ctx), body.text("stageName"),
                    body.text("deploymentId"), body.text("description"), body.textMap("variables"),
                    body.bool("tracingEnabled"))));
        });
        add(routes, HttpMethod.GET, API + "/stages", "GetStages", (ctx, account) -> {
            ObjectNode page = RestApiJson.MAPPER.createObjectNode();
            var items = page.putArray("item");
            stages.stages(account, id(ctx)).forEach(stage -> items.add(RestApiJson.stage(stage)));
            return new Answer(200, page);
        });
        add(routes, HttpMethod.GET, API + "/stages/:stage_name", "GetStage", (ctx, account) -> new Answer(200,
                RestApiJson.stage(stages.stage(account, id(ctx), ctx.pathParam("stage_name")))));
        add(routes, HttpMethod.PATCH, API + "/stages/:stage_name", "UpdateStage", (ctx, account) -> {
            List<StageService.PatchOperation> operations = new ArrayList<>();
            for (RequestBody op : RequestBody.of(ctx.body().buffer()).objects("patchOperations")) {
                operations.add(new StageService.PatchOperation(op.text("op"), op.text("path"), op.text("value")));
            }
            return new Answer(200, RestApiJson.stage(stages.update(account, id(ctx), ctx.pathParam("stage_name"),
                    operations)));
        });
        add(routes, HttpMethod.DELETE, API + "/stages/:stage_name", "DeleteStage", (ctx, account) -> {
            stages.delete(account, id(ctx), ctx.pathParam("stage_name"));
            return new Answer(202, null);
        });
    }

    private Answer createOrImport(RoutingContext ctx, Account account) {
        if ("import".equals(ctx.queryParams().get("mode"))) {
            RestApiService.Imported imported = apis.importApi(account,
                    ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(), failOnWarnings(ctx));
            return new Answer(201, RestApiJson.restApi(imported.api(), imported.warnings()));
        }
        RequestBody body = RequestBody.of(ctx.body().buffer());
        RestApiSettings settings = new RestApiSettings(body.text("name"), body.text("description"),
                body.text("version"), body.texts("binaryMediaTypes"), body.text("apiKeySource"),
                body.nested("endpointConfiguration").texts("types"), body.bool("disableExecuteApiEndpoint"),
                body.textMap("tags"));
        return new Answer(201, RestApiJson.restApi(apis.create(account, settings), null));
    }

    private static boolean failOnWarnings(RoutingContext ctx) {
        return "true".equalsIgnoreCase(ctx.queryParams().get("failonwarnings"));
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("restapi_id");
    }

    /** Registers {@code name} at {@code method path}, run on a worker thread in the caller's namespace. */
    private static void add(ServiceRoutes routes, HttpMethod method, String path, String name,
            BiFunction<RoutingContext, Account, Answer> handler) {
        OperationKind kind = method == HttpMethod.GET ? OperationKind.READ : OperationKind.WRITE;
        Operation operation = new Operation(name, "apigateway:" + method.name(), kind);
        Function<RoutingContext, String> resource = ctx -> "arn:aws:apigateway:" + ServiceRoutes.region(ctx) + "::"
                + ctx.request().path();
        routes.rest(operation, method, path, resource, ctx -> ctx.vertx().executeBlocking(() -> {
            answer(ctx, handler);
            return null;
        }, false));
    }

    private static void answer(RoutingContext ctx, BiFunction<RoutingContext, Account, Answer> handler) {
        String requestId = ServiceRoutes.requestId(ctx);
        try {
            Caller caller = ServiceRoutes.caller(ctx);
            Answer answer = handler.apply(ctx, new Account(caller.accountId(), ServiceRoutes.region(ctx)));
            var response = ctx.response().setStatusCode(answer.status());
            if (answer.body() == null) {
                response.end();
            } else {
                response.putHeader("Content-Type", "application/json").end(answer.body().toString());
            }
        } catch (EdgeException e) {
            ErrorWriter.send(ctx.response(), Protocol.REST_JSON, e, requestId);
        } catch (RuntimeException e) {
            LOG.error("operation failed: {} {}", ctx.request().method(), ctx.request().path(), e);
            ErrorWriter.send(ctx.response(), Protocol.REST_JSON, EdgeException.of("ServiceUnavailableException", 503,
                    "An internal error occurred. The server's log has the details."), requestId);
        }
    }
}
