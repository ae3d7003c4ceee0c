package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import dev.gust.store.EventInvokeConfig;
import dev.gust.store.EventInvokeConfigPage;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * The HTTP binding of Put, Update, Get, Delete and ListFunctionEventInvokeConfig(s). Thread-safe.
 */
public final class EventInvokeConfigRoutes {

    private static final String CONFIG = "/2019-09-25/functions/:FunctionName/event-invoke-config";

    private final Function<RoutingContext, EventInvokeConfigService> service;

    public EventInvokeConfigRoutes(Function<RoutingContext, EventInvokeConfigService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.PUT, CONFIG, lambda("PutFunctionEventInvokeConfig"), ctx -> respond(ctx, service.apply(ctx).put(name(ctx), qualifier(ctx), body(ctx))));
        operations.add(HttpMethod.POST, CONFIG, lambda("UpdateFunctionEventInvokeConfig"),
                ctx -> respond(ctx, service.apply(ctx).update(name(ctx), qualifier(ctx), body(ctx))));
        operations.add(HttpMethod.GET, CONFIG, lambda("GetFunctionEventInvokeConfig"), ctx -> respond(ctx, service.apply(ctx).get(name(ctx), qualifier(ctx))));
        operations.add(HttpMethod.DELETE, CONFIG, lambda("DeleteFunctionEventInvokeConfig"), ctx -> {
            service.apply(ctx).delete(name(ctx), qualifier(ctx));
            Responses.empty(ctx, 204);
        });
        operations.add(HttpMethod.GET, CONFIG + "/list", lambda("ListFunctionEventInvokeConfigs"), this::list);
    }

    private void list(RoutingContext ctx) {
        int maxItems = Paging.maxItems(ctx.queryParams().get("MaxItems"), 50, 50);
        EventInvokeConfigPage page = service.apply(ctx).list(name(ctx), ctx.queryParams().get("Marker"), maxItems);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode configs = body.putArray("FunctionEventInvokeConfigs");
        page.configs().forEach(config -> configs.add(json(ctx, config)));
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        Responses.json(ctx, 200, body);
    }

    private void respond(RoutingContext ctx, EventInvokeConfig config) {
        Responses.json(ctx, 200, json(ctx, config));
    }

    /** {@code FunctionEventInvokeConfig}: unset settings are left out, destinations always shown. */
    private ObjectNode json(RoutingContext ctx, EventInvokeConfig config) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("LastModified", BigDecimal.valueOf(config.lastModified().toEpochMilli()).movePointLeft(3));
        node.put("FunctionArn", service.apply(ctx).functionArn(config));
        if (config.maximumRetryAttempts() != null) {
            node.put("MaximumRetryAttempts", config.maximumRetryAttempts());
        }
        if (config.maximumEventAgeInSeconds() != null) {
            node.put("MaximumEventAgeInSeconds", config.maximumEventAgeInSeconds());
        }
        ObjectNode destinations = node.putObject("DestinationConfig");
        ObjectNode onSuccess = destinations.putObject("OnSuccess");
        ObjectNode onFailure = destinations.putObject("OnFailure");
        if (config.destinationConfig().onSuccess() != null) {
            onSuccess.put("Destination", config.destinationConfig().onSuccess());
        }
        if (config.destinationConfig().onFailure() != null) {
            onFailure.put("Destination", config.destinationConfig().onFailure());
        }
        return node;
    }

    private static WireTypes.EventInvokeConfigRequest body(RoutingContext ctx) {
        return RequestBodies.read(ctx.body().buffer(), WireTypes.EventInvokeConfigRequest.class);
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("FunctionName");
    }

    private static String qualifier(RoutingContext ctx) {
        return ctx.queryParams().get("Qualifier");
    }
}
