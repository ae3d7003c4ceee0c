package dev.gust.api.esm;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.functions.Paging;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import dev.gust.core.esm.EventSourceMapping;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.util.function.Function;

/**
 * The HTTP binding of Create, Get, Update, Delete and ListEventSourceMapping(s), with AWS's members for an SQS
 * mapping: {@code LastModified} in epoch seconds, {@code FunctionResponseTypes} always (empty when unset),
 * {@code FilterCriteria} and {@code ScalingConfig} only when set, and {@code LastProcessingResult} only when it
 * reports a problem (AWS shows none for SQS mappings). Thread-safe.
 */
public final class EventSourceMappingRoutes {

    private static final String MAPPINGS = "/2015-03-31/event-source-mappings";
    private static final String MAPPING = MAPPINGS + "/:UUID";
    private static final String PROBLEM = "PROBLEM";

    private final Function<RoutingContext, EventSourceMappingService> service;

    public EventSourceMappingRoutes(Function<RoutingContext, EventSourceMappingService> service) {
        this.service = service;
    }

    public void register(Operations operations) {
        // the route also matches the trailing slash older SDKs send
        operations.add(HttpMethod.POST, MAPPINGS, lambda("CreateEventSourceMapping"),
                ctx -> Responses.json(ctx, 202, json(service.apply(ctx).create(body(ctx)))));
        operations.add(HttpMethod.GET, MAPPINGS, lambda("ListEventSourceMappings"), this::list);
        operations.add(HttpMethod.GET, MAPPING, lambda("GetEventSourceMapping"),
                ctx -> Responses.json(ctx, 200, json(service.apply(ctx).get(uuid(ctx)))));
        operations.add(HttpMethod.PUT, MAPPING, lambda("UpdateEventSourceMapping"),
                ctx -> Responses.json(ctx, 202, json(service.apply(ctx).update(uuid(ctx), body(ctx)))));
        operations.add(HttpMethod.DELETE, MAPPING, lambda("DeleteEventSourceMapping"),
                ctx -> Responses.json(ctx, 202, json(service.apply(ctx).delete(uuid(ctx)))));
    }

    private void list(RoutingContext ctx) {
        int maxItems = Paging.maxItems(ctx.queryParams().get("MaxItems"), 100, 10_000);
        EventSourceMappingService.Page page = service.apply(ctx).list(ctx.queryParams().get("EventSourceArn"),
                ctx.queryParams().get("FunctionName"), ctx.queryParams().get("Marker"), maxItems);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode mappings = body.putArray("EventSourceMappings");
        page.mappings().forEach(mapping -> mappings.add(json(mapping)));
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        Responses.json(ctx, 200, body);
    }

    /** The {@code EventSourceMappingConfiguration} of {@code mapping}, as AWS answers it for an SQS queue. */
    static ObjectNode json(EventSourceMapping mapping) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("UUID", mapping.uuid());
        node.put("BatchSize", mapping.batchSize());
        node.put("MaximumBatchingWindowInSeconds", mapping.maximumBatchingWindowInSeconds());
        node.put("EventSourceArn", mapping.eventSourceArn());
        if (!mapping.filterPatterns().isEmpty()) {
            ArrayNode filters = node.putObject("FilterCriteria").putArray("Filters");
            mapping.filterPatterns().forEach(pattern -> filters.addObject().put("Pattern", pattern));
        }
        node.put("FunctionArn", mapping.functionArn());
        node.put("LastModified", BigDecimal.valueOf(mapping.lastModified().toEpochMilli(), 3));
        if (mapping.lastProcessingResult() != null && mapping.lastProcessingResult().startsWith(PROBLEM)) {
            node.put("LastProcessingResult", mapping.lastProcessingResult());
        }
        node.put("State", mapping.state());
        node.put("StateTransitionReason", mapping.stateTransitionReason());
        ArrayNode types = node.putArray("FunctionResponseTypes");
        mapping.functionResponseTypes().forEach(types::add);
        if (mapping.maximumConcurrency() != null) {
            node.putObject("ScalingConfig").put("MaximumConcurrency", mapping.maximumConcurrency());
        }
        node.put("EventSourceMappingArn", mapping.account().eventSourceMappingArn(mapping.uuid()));
        return node;
    }

    private static MappingWireTypes.MappingRequest body(RoutingContext ctx) {
        return RequestBodies.read(ctx.body().buffer(), MappingWireTypes.MappingRequest.class);
    }

    private static String uuid(RoutingContext ctx) {
        return ctx.pathParam("UUID");
    }
}
