package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.core.Account;
import dev.gust.edge.EdgeException;
import dev.gust.edge.ErrorWriter;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v2 management API of HTTP APIs on the edge (rest-json under {@code /v2/apis}, as the {@code apigatewayv2} model
 * maps it): each operation authorized as {@code apigateway:<METHOD>} on {@code arn:aws:apigateway:<region>::/apis/...},
 * then run on a worker thread (it touches storage). Thread-safe.
 */
final class HttpApiOperations {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiOperations.class);
    private static final String APIS = "/v2/apis";
    private static final String API = APIS + "/:apiId";

    /** Runs an operation in the caller's namespace and returns its body, or {@code null} for 204. */
    @FunctionalInterface
    private interface Handler {
        JsonNode handle(RoutingContext ctx, Account account, ApiInput input);
    }

    private final HttpApiControl apis;
    private final RouteControl routes;
    private final StageControl stages;
    private final ServiceRoutes edge;

    HttpApiOperations(HttpApiControl apis, RouteControl routes, StageControl stages, ServiceRoutes edge) {
        this.apis = apis;
        this.routes = routes;
        this.stages = stages;
        this.edge = edge;
    }

    void register() {
        registerApis();
        add("CreateRoute", HttpMethod.POST, API + "/routes", 201,
                (ctx, account, in) -> HttpApiJson.route(routes.createRoute(account, id(ctx), in)));
        add("GetRoutes", HttpMethod.GET, API + "/routes", 200,
                (ctx, account, in) -> page(ctx, routes.routes(account, id(ctx)), HttpApiJson::route));
        add("GetRoute", HttpMethod.GET, API + "/routes/:routeId", 200, (ctx, account, in) ->
                HttpApiJson.route(routes.getRoute(account, id(ctx), ctx.pathParam("routeId"))));
        add("UpdateRoute", HttpMethod.PATCH, API + "/routes/:routeId", 200, (ctx, account, in) ->
                HttpApiJson.route(routes.updateRoute(account, id(ctx), ctx.pathParam("routeId"), in)));
        add("DeleteRoute", HttpMethod.DELETE, API + "/routes/:routeId", 204, (ctx, account, in) -> {
            routes.deleteRoute(account, id(ctx), ctx.pathParam("routeId"));
            return null;
        });
        add("CreateIntegration", HttpMethod.POST, API + "/integrations", 201,
                (ctx, account, in) -> HttpApiJson.integration(routes.createIntegration(account, id(ctx), in)));
        add("GetIntegrations", HttpMethod.GET, API + "/integrations", 200,
                (ctx, account, in) -> page(ctx, routes.integrations(account, id(ctx)), HttpApiJson::integration));
        add("GetIntegration", HttpMethod.GET, API + "/integrations/:integrationId", 200, (ctx, account, in) ->
                HttpApiJson.integration(routes.getIntegration(account, id(ctx), ctx.pathParam("integrationId"))));
        add("UpdateIntegration", HttpMethod.PATCH, API + "/integrations/:integrationId", 200, (ctx, account, in) ->
                HttpApiJson.integration(routes.updateIntegration(account, id(ctx), ctx.pathParam("integrationId"),
                        in)));
        add("DeleteIntegration", HttpMethod.DELETE, API + "/integrations/:integrationId", 204, (ctx, account, in) -> {
            routes.deleteIntegration(account, id(ctx), ctx.pathParam("integrationId"));
            return null;
        });
        add("CreateStage", HttpMethod.POST, API + "/stages", 201,
                (ctx, account, in) -> HttpApiJson.stage(stages.createStage(account, id(ctx), in)));
        add("GetStages", HttpMethod.GET, API + "/stages", 200,
                (ctx, account, in) -> page(ctx, stages.stages(account, id(ctx)), HttpApiJson::stage));
        add("GetStage", HttpMethod.GET, API + "/stages/:stageName", 200, (ctx, account, in) ->
                HttpApiJson.stage(stages.getStage(account, id(ctx), ctx.pathParam("stageName"))));
        add("UpdateStage", HttpMethod.PATCH, API + "/stages/:stageName", 200, (ctx, account, in) ->
                HttpApiJson.stage(stages.updateStage(account, id(ctx), ctx.pathParam("stageName"), in)));
        add("DeleteStage", HttpMethod.DELETE, API + "/stages/:stageName", 204, (ctx, account, in) -> {
            stages.deleteStage(account, id(ctx), ctx.pathParam("stageName"));
            return null;
        });
        add("CreateDeployment", HttpMethod.POST, API + "/deployments", 201,
                (ctx, account, in) -> HttpApiJson.deployment(stages.createDeployment(account, id(ctx), in)));
        add("GetDeployments", HttpMethod.GET, API + "/deployments", 200,
                (ctx, account, in) -> page(ctx, stages.deployments(account, id(ctx)), HttpApiJson::deployment));
        add("GetDeployment", HttpMethod.GET, API + "/deployments/:deploymentId", 200, (ctx, account, in) ->
                HttpApiJson.deployment(stages.getDeployment(account, id(ctx), ctx.pathParam("deploymentId"))));
        add("DeleteDeployment", HttpMethod.DELETE, API + "/deployments/:deploymentId", 204, (ctx, account, in) -> {
            stages.deleteDeployment(account, id(ctx), ctx.pathParam("deploymentId"));
            return null;
        });
    }

    private void registerApis() {
        add("CreateApi", HttpMethod.POST, APIS, 201,
                (ctx, account, in) -> HttpApiJson.api(apis.createApi(account, in), port(ctx)));
        add("ImportApi", HttpMethod.PUT, APIS, 201, (ctx, account, in) ->
                HttpApiJson.api(apis.importApi(account, in.string("body"), failOnWarnings(ctx)), port(ctx)));
        add("GetApis", HttpMethod.GET, APIS, 200,
                (ctx, account, in) -> page(ctx, apis.apis(account), api -> HttpApiJson.api(api, port(ctx))));
        add("GetApi", HttpMethod.GET, API, 200,
                (ctx, account, in) -> HttpApiJson.api(apis.getApi(account, id(ctx)), port(ctx)));
        add("UpdateApi", HttpMethod.PATCH, API, 200,
                (ctx, account, in) -> HttpApiJson.api(apis.updateApi(account, id(ctx), in), port(ctx)));
        add("ReimportApi", HttpMethod.PUT, API, 201, (ctx, account, in) -> HttpApiJson.api(
                apis.reimportApi(account, id(ctx), in.string("body"), failOnWarnings(ctx)), port(ctx)));
        add("DeleteApi", HttpMethod.DELETE, API, 204, (ctx, account, in) -> {
            apis.deleteApi(account, id(ctx));
            return null;
        });
        add("DeleteCorsConfiguration", HttpMethod.DELETE, API + "/cors", 204, (ctx, account, in) -> {
            apis.deleteCors(account, id(ctx));
            return null;
        });
    }

    private void add(String name, HttpMethod method, String path, int status, Handler handler) {
        OperationKind kind = method == HttpMethod.GET ? OperationKind.READ : OperationKind.WRITE;
        Operation operation = new Operation(name, "apigateway:" + method.name(), kind);
        edge.rest(operation, method, path, HttpApiOperations::resource,
                ctx -> ctx.vertx().executeBlocking(() -> {
                    run(ctx, status, handler);
                    return null;
                }, false));
    }

    private static void run(RoutingContext ctx, int status, Handler handler) {
        String requestId = ServiceRoutes.requestId(ctx);
        try {
            Account account = new Account(ServiceRoutes.caller(ctx).accountId(), ServiceRoutes.region(ctx));
            JsonNode body = handler.handle(ctx, account, ApiInput.of(ctx.body().buffer()));
            ctx.response().setStatusCode(status);
            if (body == null) {
                ctx.response().end();
            } else {
                ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
            }
        } catch (EdgeException e) {
            ErrorWriter.send(ctx.response(), Protocol.REST_JSON, e, requestId);
        } catch (RuntimeException e) {
            LOG.error("apigatewayv2 operation failed: {} {}", ctx.request().method(), ctx.request().path(), e);
            ErrorWriter.send(ctx.response(), Protocol.REST_JSON, EdgeException.of("InternalServerError", 500,
                    "An internal error occurred. The server's log has the details."), requestId);
        }
    }

    /** The resource an operation acts on: {@code arn:aws:apigateway:<region>::/apis[/<id>[/...]]}. */
    private static String resource(RoutingContext ctx) {
        return "arn:aws:apigateway:" + ServiceRoutes.region(ctx) + "::" + ctx.request().path();
    }

    private static String id(RoutingContext ctx) {
        return ctx.pathParam("apiId");
    }

    private static int port(RoutingContext ctx) {
        return ctx.request().localAddress().port();
    }

    private static boolean failOnWarnings(RoutingContext ctx) {
        return "true".equalsIgnoreCase(ctx.request().getParam("failOnWarnings"));
    }

    /** One page of {@code items} after the request's {@code nextToken}, at most {@code maxResults} of them. */
    private static <T> ObjectNode page(RoutingContext ctx, List<T> items, Function<T, ObjectNode> render) {
        int from = offset(ctx.request().getParam("nextToken"), items.size());
        int max = maxResults(ctx.request().getParam("maxResults"));
        int to = Math.min(items.size(), from + max);
        return HttpApiJson.page(items.subList(from, to).stream().map(render).toList(),
                to < items.size() ? Integer.toString(to) : null);
    }

    private static int offset(String token, int size) {
        if (token == null) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(token);
            if (offset >= 0 && offset <= size) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiGatewayErrors.badRequest("Invalid NextToken specified");
    }

    private static int maxResults(String raw) {
        if (raw == null) {
            return Integer.MAX_VALUE;
        }
        try {
            int max = Integer.parseInt(raw);
            if (max >= 1 && max <= 500) {
                return max;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiGatewayErrors.badRequest("MaxResults must be a number between 1 and 500");
    }
}
