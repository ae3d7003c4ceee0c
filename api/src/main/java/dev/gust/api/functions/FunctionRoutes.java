package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.LambdaConditionKeys;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestBodies;
import dev.gust.api.http.Responses;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.store.FunctionPage;
import dev.gust.store.FunctionRecord;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The HTTP binding of the function resource: CreateFunction, GetFunction, GetFunctionConfiguration,
 * ListFunctions, UpdateFunctionConfiguration, UpdateFunctionCode and DeleteFunction, on AWS's paths.
 * Thread-safe.
 */
public final class FunctionRoutes {

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String FUNCTION = FUNCTIONS + "/:FunctionName";

    private final Function<RoutingContext, FunctionService> service;
    private final CodeLinks codeLinks;
    private final Function<RoutingContext, ConcurrencyService> concurrency;

    public FunctionRoutes(Function<RoutingContext, FunctionService> service, CodeLinks codeLinks, Function<RoutingContext, ConcurrencyService> concurrency) {
        this.service = service;
        this.codeLinks = codeLinks;
        this.concurrency = concurrency;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.POST, FUNCTIONS, lambda("CreateFunction"), LambdaConditionKeys.LAYER, this::create);
        operations.add(HttpMethod.GET, FUNCTIONS, lambda("ListFunctions"), this::list);
        operations.add(HttpMethod.GET, FUNCTIONS + "/", lambda("ListFunctions"), this::list);
        operations.add(HttpMethod.GET, FUNCTION, lambda("GetFunction"), this::get);
        operations.add(HttpMethod.GET, FUNCTION + "/configuration", lambda("GetFunctionConfiguration"), this::getConfiguration);
        operations.add(HttpMethod.PUT, FUNCTION + "/configuration", lambda("UpdateFunctionConfiguration"),
                LambdaConditionKeys.LAYER, this::updateConfiguration);
        operations.add(HttpMethod.PUT, FUNCTION + "/code", lambda("UpdateFunctionCode"), this::updateCode);
        operations.add(HttpMethod.DELETE, FUNCTION, lambda("DeleteFunction"), this::delete);
    }

    private void create(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), WireTypes.CreateFunctionRequest.class);
        FunctionRecord created = service.apply(ctx).create(request);
        Responses.json(ctx, 201, FunctionJson.configuration(created.configuration(), service.apply(ctx).account(),
                service.apply(ctx).runtimes(), false));
    }

    private void get(RoutingContext ctx) {
        FunctionService.QualifiedFunction named = service.apply(ctx).get(ctx.pathParam("FunctionName"),
                ctx.queryParams().get("Qualifier"));
        FunctionRecord function = named.function();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("Configuration", configuration(ctx, named));
        body.putObject("Code")
                .put("RepositoryType", "S3")
                .put("Location", codeLinks.location(Responses.baseUrl(ctx.request()), service.apply(ctx).account(),
                        function.configuration().code()));
        concurrency.apply(ctx).reservedOf(function.configuration().functionName()).ifPresent(reserved ->
                body.putObject("Concurrency").put("ReservedConcurrentExecutions", reserved));
        if (!function.tags().isEmpty()) {
            ObjectNode tags = body.putObject("Tags");
            function.tags().forEach(tags::put);
        }
        Responses.json(ctx, 200, body);
    }

    private void getConfiguration(RoutingContext ctx) {
        Responses.json(ctx, 200, configuration(ctx, service.apply(ctx).get(ctx.pathParam("FunctionName"),
                ctx.queryParams().get("Qualifier"))));
    }

    /** The configuration with the ARN the caller named: qualified by version or alias when a qualifier was given. */
    private ObjectNode configuration(RoutingContext ctx, FunctionService.QualifiedFunction named) {
        FunctionConfiguration c = named.function().configuration();
        return FunctionJson.configuration(c, service.apply(ctx).account(), service.apply(ctx).runtimes(), named.qualifier()
                .map(q -> service.apply(ctx).account().functionArn(c.functionName(), q))
                .orElseGet(() -> service.apply(ctx).account().functionArn(c.functionName())));
    }

    private void list(RoutingContext ctx) {
        String version = ctx.queryParams().get("FunctionVersion");
        if (version != null && !version.equals("ALL")) {
            throw LambdaException.validation("1 validation error detected: Value '" + version + "' at 'functionVersion' "
                    + "failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
        }
        int maxItems = Paging.maxItems(ctx.queryParams().get("MaxItems"), 50, 10_000);
        FunctionPage page = service.apply(ctx).list(ctx.queryParams().get("Marker"), maxItems);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode functions = body.putArray("Functions");
        page.functions().forEach(f -> functions.add(FunctionJson.listItem(f.configuration(), service.apply(ctx).account())));
        page.nextMarker().ifPresent(marker -> body.put("NextMarker", marker));
        Responses.json(ctx, 200, body);
    }

    private void updateConfiguration(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), WireTypes.UpdateFunctionConfigurationRequest.class);
        FunctionRecord updated = service.apply(ctx).updateConfiguration(ctx.pathParam("FunctionName"), request);
        Responses.json(ctx, 200, FunctionJson.configuration(updated.configuration(), service.apply(ctx).account(),
                service.apply(ctx).runtimes(), false));
    }

    private void updateCode(RoutingContext ctx) {
        var request = RequestBodies.read(ctx.body().buffer(), WireTypes.UpdateFunctionCodeRequest.class);
        FunctionRecord updated = service.apply(ctx).updateCode(ctx.pathParam("FunctionName"), request);
        boolean published = !updated.configuration().version().equals(FunctionConfiguration.LATEST);
        Responses.json(ctx, 200, FunctionJson.configuration(updated.configuration(), service.apply(ctx).account(),
                service.apply(ctx).runtimes(), published));
    }

    private void delete(RoutingContext ctx) {
        service.apply(ctx).delete(ctx.pathParam("FunctionName"), ctx.queryParams().get("Qualifier"));
        Responses.empty(ctx, 204);
    }
}
