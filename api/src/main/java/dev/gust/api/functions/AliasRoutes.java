package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import dev.gust.core.Alias;
import dev.gust.store.AliasPage;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** The HTTP binding of CreateAlias, GetAlias, UpdateAlias, DeleteAlias and ListAliases. Thread-safe. */
public final class AliasRoutes {

    private static final String ALIASES = "/2015-03-31/functions/:FunctionName/aliases";
    private static final String ALIAS = ALIASES + "/:Name";

    private final Function<RoutingContext, AliasService> service;

    public AliasRoutes(Function<RoutingContext, AliasService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.POST, ALIASES, lambda("CreateAlias"), ctx -> {
            var request = RequestBodies.read(ctx.body().buffer(), WireTypes.CreateAliasRequest.class);
            Responses.json(ctx, 201, json(ctx, service.apply(ctx).create(name(ctx), request)));
        });
        operations.add(HttpMethod.GET, ALIASES, lambda("ListAliases"), this::list);
        operations.add(HttpMethod.GET, ALIAS, lambda("GetAlias"), ctx -> Responses.json(ctx, 200,
                json(ctx, service.apply(ctx).get(name(ctx), ctx.pathParam("Name")))));
        operations.add(HttpMethod.PUT, ALIAS, lambda("UpdateAlias"), ctx -> {
            var request = RequestBodies.read(ctx.body().buffer(), WireTypes.UpdateAliasRequest.class);
            Responses.json(ctx, 200, json(ctx, service.apply(ctx).update(name(ctx), ctx.pathParam("Name"), request)));
        });
        operations.add(HttpMethod.DELETE, ALIAS, lambda("DeleteAlias"), ctx -> {
            service.apply(ctx).delete(name(ctx), ctx.pathParam("Name"));
            Responses.empty(ctx, 204);
        });
    }

    private void list(RoutingContext ctx) {
        int maxItems = Paging.maxItems(ctx.queryParams().get("MaxItems"), 50, 10_000);
        AliasPage page = service.apply(ctx).list(name(ctx), ctx.queryParams().get("FunctionVersion"),
                ctx.queryParams().get("Marker"), maxItems);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode aliases = body.putArray("Aliases");
        page.aliases().forEach(alias -> aliases.add(json(ctx, alias)));
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        Responses.json(ctx, 200, body);
    }

    /** {@code AliasConfiguration}: {@code RoutingConfig} only when the alias splits traffic. */
    private ObjectNode json(RoutingContext ctx, Alias alias) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("AliasArn", service.apply(ctx).arn(alias));
        node.put("Name", alias.name());
        node.put("FunctionVersion", alias.functionVersion());
        node.put("Description", alias.description());
        alias.additionalVersion().ifPresent(v -> node.putObject("RoutingConfig")
                .putObject("AdditionalVersionWeights").put(v.version(), v.weight()));
        node.put("RevisionId", alias.revisionId());
        return node;
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("FunctionName");
    }
}
