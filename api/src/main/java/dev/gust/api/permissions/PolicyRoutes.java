package dev.gust.api.permissions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.LambdaConditionKeys;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The HTTP binding of AddPermission ({@code POST .../policy}, 201), GetPolicy ({@code GET .../policy}) and
 * RemovePermission ({@code DELETE .../policy/{StatementId}}, 204), on AWS's paths. Thread-safe.
 */
public final class PolicyRoutes {

    private static final String PATH = "/2015-03-31/functions/:FunctionName/policy";

    private final Function<RoutingContext, PolicyService> service;

    public PolicyRoutes(Function<RoutingContext, PolicyService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.POST, PATH, Operations.lambda("AddPermission"), LambdaConditionKeys.PRINCIPAL, ctx -> {
            var request = RequestBodies.read(ctx.body().buffer(), PolicyWireTypes.AddPermissionRequest.class);
            PolicyService.Added added = service.apply(ctx).add(name(ctx), qualifier(ctx), request);
            ObjectNode body = Json.MAPPER.createObjectNode()
                    .put("Statement", PolicyDocument.statement(added.statement(), added.resourceArn()));
            Responses.json(ctx, 201, body);
        });
        operations.add(HttpMethod.GET, PATH, Operations.lambda("GetPolicy"), ctx -> {
            PolicyService.Shown shown = service.apply(ctx).get(name(ctx), qualifier(ctx));
            ObjectNode body = Json.MAPPER.createObjectNode()
                    .put("Policy", PolicyDocument.policy(shown.policy(), shown.resourceArn()))
                    .put("RevisionId", shown.policy().revisionId());
            Responses.json(ctx, 200, body);
        });
        operations.add(HttpMethod.DELETE, PATH + "/:StatementId", Operations.lambda("RemovePermission"), ctx -> {
            service.apply(ctx).remove(name(ctx), ctx.pathParam("StatementId"), qualifier(ctx),
                    ctx.queryParams().get("RevisionId"));
            Responses.empty(ctx, 204);
        });
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("FunctionName");
    }

    private static String qualifier(RoutingContext ctx) {
        return ctx.queryParams().get("Qualifier");
    }
}
