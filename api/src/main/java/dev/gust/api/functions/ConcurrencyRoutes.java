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

/**
 * The HTTP binding of PutFunctionConcurrency, GetFunctionConcurrency and DeleteFunctionConcurrency, on AWS's
 * paths (Get has its own API version in the path). Thread-safe.
 */
public final class ConcurrencyRoutes {

    private static final String CONCURRENCY = "/functions/:FunctionName/concurrency";

    /** The body of PutFunctionConcurrency. */
    record PutRequest(Integer reservedConcurrentExecutions) {
    }

    private final Function<RoutingContext, ConcurrencyService> service;

    public ConcurrencyRoutes(Function<RoutingContext, ConcurrencyService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.PUT, "/2017-10-31" + CONCURRENCY, lambda("PutFunctionConcurrency"), this::put);
        operations.add(HttpMethod.GET, "/2019-09-30" + CONCURRENCY, lambda("GetFunctionConcurrency"), this::get);
        operations.add(HttpMethod.DELETE, "/2017-10-31" + CONCURRENCY, lambda("DeleteFunctionConcurrency"), ctx -> {
            service.apply(ctx).delete(name(ctx));
            Responses.empty(ctx, 204);
        });
    }

    private void put(RoutingContext ctx) {
        PutRequest request = RequestBodies.read(ctx.body().buffer(), PutRequest.class);
        int reserved = service.apply(ctx).put(name(ctx), request.reservedConcurrentExecutions());
        Responses.json(ctx, 200, Json.MAPPER.createObjectNode().put("ReservedConcurrentExecutions", reserved));
    }

    /** {@code {"ReservedConcurrentExecutions": n}}, or {@code {}} for a function without a reservation. */
    private void get(RoutingContext ctx) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        service.apply(ctx).get(name(ctx)).ifPresent(reserved -> body.put("ReservedConcurrentExecutions", reserved));
        Responses.json(ctx, 200, body);
    }

    private static String name(RoutingContext ctx) {
        return ctx.pathParam("FunctionName");
    }
}
