package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** The HTTP binding of TagResource, UntagResource and ListTags on functions. Thread-safe. */
public final class TagRoutes {

    private static final String TAGS = "/2017-03-31/tags/:Resource";

    private final Function<RoutingContext, FunctionTags> service;

    public TagRoutes(Function<RoutingContext, FunctionTags> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.POST, TAGS, lambda("TagResource"), this::tag);
        operations.add(HttpMethod.DELETE, TAGS, lambda("UntagResource"), this::untag);
        operations.add(HttpMethod.GET, TAGS, lambda("ListTags"), this::list);
    }

    private void tag(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), WireTypes.TagResourceRequest.class);
        service.apply(ctx).tag(ctx.pathParam("Resource"), request.tags());
        Responses.empty(ctx, 204);
    }

    private void untag(RoutingContext ctx) {
        service.apply(ctx).untag(ctx.pathParam("Resource"), ctx.queryParams().getAll("tagKeys"));
        Responses.empty(ctx, 204);
    }

    private void list(RoutingContext ctx) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode tags = body.putObject("Tags");
        service.apply(ctx).tags(ctx.pathParam("Resource")).forEach(tags::put);
        Responses.json(ctx, 200, body);
    }
}
