package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import dev.gust.core.FunctionConfiguration;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** The HTTP binding of PublishVersion and ListVersionsByFunction. Thread-safe. */
public final class VersionRoutes {

    private static final String VERSIONS = "/2015-03-31/functions/:FunctionName/versions";

    private final Function<RoutingContext, VersionService> service;

    public VersionRoutes(Function<RoutingContext, VersionService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.POST, VERSIONS, lambda("PublishVersion"), this::publish);
        operations.add(HttpMethod.GET, VERSIONS, lambda("ListVersionsByFunction"), this::list);
    }

    /** Always 201, also when the unchanged {@code $LATEST} returns the version already published from it. */
    private void publish(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), WireTypes.PublishVersionRequest.class);
        FunctionConfiguration version = service.apply(ctx).publish(ctx.pathParam("FunctionName"), request);
        Responses.json(ctx, 201, FunctionJson.configuration(version, service.apply(ctx).account(),
                service.apply(ctx).runtimes(), true));
    }

    private void list(RoutingContext ctx) {
        int maxItems = Paging.maxItems(ctx.queryParams().get("MaxItems"), 50, 10_000);
        VersionService.VersionPage page = service.apply(ctx).list(ctx.pathParam("FunctionName"), ctx.queryParams().get("Marker"),
                maxItems);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode versions = body.putArray("Versions");
        page.versions().forEach(v -> versions.add(FunctionJson.versionItem(v, service.apply(ctx).account())));
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        Responses.json(ctx, 200, body);
    }
}
