package dev.gust.api.urls;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.functions.Paging;
import dev.gust.api.http.Json;
import dev.gust.api.http.LambdaConditionKeys;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.core.urls.UrlCors;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * The HTTP binding of Create, Get, Update, Delete and ListFunctionUrlConfig(s), with AWS's response members: Create
 * and Update show {@code InvokeMode} only once it was set, Get and List always (as {@code BUFFERED} when unset).
 * Thread-safe.
 */
public final class FunctionUrlRoutes {

    private static final String URL = "/2021-10-31/functions/:FunctionName/url";
    private static final String URLS = "/2021-10-31/functions/:FunctionName/urls";
    /** AWS's format of {@code CreationTime} and {@code LastModifiedTime}: ISO-8601 with microseconds. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Function<RoutingContext, FunctionUrlService> service;

    public FunctionUrlRoutes(Function<RoutingContext, FunctionUrlService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.POST, URL, lambda("CreateFunctionUrlConfig"),
                LambdaConditionKeys.FUNCTION_URL_AUTH_TYPE, ctx -> Responses.json(ctx, 201,
                json(ctx, service.apply(ctx).create(name(ctx), qualifier(ctx), body(ctx)), View.CREATED)));
        operations.add(HttpMethod.GET, URL, lambda("GetFunctionUrlConfig"), ctx -> Responses.json(ctx, 200,
                json(ctx, service.apply(ctx).get(name(ctx), qualifier(ctx)), View.SHOWN)));
        operations.add(HttpMethod.PUT, URL, lambda("UpdateFunctionUrlConfig"),
                LambdaConditionKeys.FUNCTION_URL_AUTH_TYPE, ctx -> Responses.json(ctx, 200,
                json(ctx, service.apply(ctx).update(name(ctx), qualifier(ctx), body(ctx)), View.UPDATED)));
        operations.add(HttpMethod.DELETE, URL, lambda("DeleteFunctionUrlConfig"), ctx -> {
            service.apply(ctx).delete(name(ctx), qualifier(ctx));
            Responses.empty(ctx, 204);
        });
        operations.add(HttpMethod.GET, URLS, lambda("ListFunctionUrlConfigs"), this::list);
    }

    private void list(RoutingContext ctx) {
        int maxItems = Paging.maxItems(ctx.queryParams().get("MaxItems"), 50, 50);
        FunctionUrlService.Page page = service.apply(ctx).list(name(ctx), ctx.queryParams().get("Marker"), maxItems);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode configs = body.putArray("FunctionUrlConfigs");
        page.configs().forEach(config -> configs.add(json(ctx, config, View.SHOWN)));
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        Responses.json(ctx, 200, body);
    }

    /** Which operation answers: their members differ. */
    private enum View { CREATED, UPDATED, SHOWN }

    private static ObjectNode json(RoutingContext ctx, FunctionUrlConfig config, View view) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("FunctionUrl", FunctionUrlAddress.url(config, FunctionUrlAddress.port(ctx.request())));
        node.put("FunctionArn", config.functionArn());
        node.put("AuthType", config.authType());
        if (config.cors() != null) {
            node.set("Cors", cors(config.cors()));
        }
        node.put("CreationTime", time(config.creationTime()));
        if (view != View.CREATED) {
            node.put("LastModifiedTime", time(config.lastModifiedTime()));
        }
        if (view == View.SHOWN) {
            node.put("InvokeMode", config.effectiveInvokeMode());
        } else if (config.invokeMode() != null) {
            node.put("InvokeMode", config.invokeMode());
        }
        return node;
    }

    private static ObjectNode cors(UrlCors cors) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (cors.allowCredentials() != null) {
            node.put("AllowCredentials", cors.allowCredentials());
        }
        putList(node, "AllowHeaders", cors.allowHeaders());
        putList(node, "AllowMethods", cors.allowMethods());
        putList(node, "AllowOrigins", cors.allowOrigins());
        putList(node, "ExposeHeaders", cors.exposeHeaders());
        if (cors.maxAge() != null) {
            node.put("MaxAge", cors.maxAge());
        }
        return node;
    }

    private static void putList(ObjectNode node, String member, List<String> values) {
        if (values != null) {
            ArrayNode array = node.putArray(member);
            values.forEach(array::add);
        }
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static UrlWireTypes.UrlConfigRequest body(RoutingContext ctx) {
        return RequestBodies.read(ctx.body().buffer(), UrlWireTypes.UrlConfigRequest.class);
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("FunctionName");
    }

    private static String qualifier(RoutingContext ctx) {
        return ctx.queryParams().get("Qualifier");
    }
}
