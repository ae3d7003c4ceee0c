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
import java.util.function.Predicate;

/**
 * The HTTP binding of TagResource, UntagResource and ListTags on functions and event source mappings, each kind's
 * {@link ResourceTags} chosen by the ARN the request names. Thread-safe.
 */
public final class TagRoutes {

    private static final String TAGS = "/2017-03-31/tags/:Resource";

    private final Function<RoutingContext, ? extends ResourceTags> functions;
    private final Function<RoutingContext, ? extends ResourceTags> mappings;
    private final Predicate<String> namesMapping;

    /**
     * @param functions the request's namespace's function tags
     * @param mappings the request's namespace's event source mapping tags
     * @param namesMapping whether a resource ARN names an event source mapping
     */
    public TagRoutes(Function<RoutingContext, ? extends ResourceTags> functions,
            Function<RoutingContext, ? extends ResourceTags> mappings, Predicate<String> namesMapping) {
        this.functions = functions;
        this.mappings = mappings;
        this.namesMapping = namesMapping;
    }

    private ResourceTags service(RoutingContext ctx) {
        return namesMapping.test(ctx.pathParam("Resource")) ? mappings.apply(ctx) : functions.apply(ctx);
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.POST, TAGS, lambda("TagResource"), this::tag);
        operations.add(HttpMethod.DELETE, TAGS, lambda("UntagResource"), this::untag);
        operations.add(HttpMethod.GET, TAGS, lambda("ListTags"), this::list);
    }

    private void tag(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), WireTypes.TagResourceRequest.class);
        service(ctx).tag(ctx.pathParam("Resource"), request.tags());
        Responses.empty(ctx, 204);
    }

    private void untag(RoutingContext ctx) {
        service(ctx).untag(ctx.pathParam("Resource"), ctx.queryParams().getAll("tagKeys"));
        Responses.empty(ctx, 204);
    }

    private void list(RoutingContext ctx) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode tags = body.putObject("Tags");
        service(ctx).tags(ctx.pathParam("Resource")).forEach(tags::put);
        Responses.json(ctx, 200, body);
    }
}
