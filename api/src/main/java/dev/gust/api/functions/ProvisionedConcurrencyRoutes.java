package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * The HTTP binding of Put, Get, Delete and ListProvisionedConcurrencyConfig(s), on AWS's paths: one path, where
 * {@code ?List=ALL} makes a GET the list. Thread-safe.
 */
public final class ProvisionedConcurrencyRoutes {

    private static final String PATH = "/2019-09-30/functions/:FunctionName/provisioned-concurrency";
    /** {@code LastModified} as AWS shows it here: {@code 2019-12-31T20:29:00+0000}, whole seconds. */
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ").withZone(ZoneOffset.UTC);

    /** The body of PutProvisionedConcurrencyConfig. */
    record PutRequest(Integer provisionedConcurrentExecutions) {
    }

    private final Function<RoutingContext, ProvisionedConcurrencyService> service;

    public ProvisionedConcurrencyRoutes(Function<RoutingContext, ProvisionedConcurrencyService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.PUT, PATH, lambda("PutProvisionedConcurrencyConfig"), ctx -> {
            PutRequest request = RequestBodies.read(ctx.body().buffer(), PutRequest.class);
            var status = service.apply(ctx).put(name(ctx), qualifier(ctx), request.provisionedConcurrentExecutions());
            Responses.json(ctx, 202, json(status, false));
        });
        operations.add(HttpMethod.GET, PATH, lambda("GetProvisionedConcurrencyConfig"), ctx -> {
            if ("ALL".equals(ctx.queryParams().get("List"))) {
                list(ctx);
            } else {
                Responses.json(ctx, 200, json(service.apply(ctx).get(name(ctx), qualifier(ctx)), false));
            }
        });
        operations.add(HttpMethod.DELETE, PATH, lambda("DeleteProvisionedConcurrencyConfig"), ctx -> {
            service.apply(ctx).delete(name(ctx), qualifier(ctx));
            Responses.empty(ctx, 204);
        });
    }

    private void list(RoutingContext ctx) {
        int maxItems = Paging.maxItems(ctx.queryParams().get("MaxItems"), 50, 50);
        ProvisionedConcurrencyService.Page page = service.apply(ctx).list(name(ctx), ctx.queryParams().get("Marker"), maxItems);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode configs = body.putArray("ProvisionedConcurrencyConfigs");
        page.configs().forEach(status -> configs.add(json(status, true)));
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        Responses.json(ctx, 200, body);
    }

    /** The config's response members; a list item also names the version or alias by its ARN. */
    private static ObjectNode json(ProvisionedConcurrencyService.Status status, boolean listItem) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (listItem) {
            node.put("FunctionArn", status.functionArn());
        }
        node.put("RequestedProvisionedConcurrentExecutions", status.config().requested());
        node.put("AvailableProvisionedConcurrentExecutions", status.allocated());
        node.put("AllocatedProvisionedConcurrentExecutions", status.allocated());
        node.put("Status", status.status());
        status.reason().ifPresent(reason -> node.put("StatusReason", reason));
        node.put("LastModified", LAST_MODIFIED.format(status.config().lastModified()));
        return node;
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("FunctionName");
    }

    private static String qualifier(RoutingContext ctx) {
        return ctx.queryParams().get("Qualifier");
    }
}
