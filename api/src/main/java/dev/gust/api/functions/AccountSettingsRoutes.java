package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.Responses;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/** The HTTP binding of GetAccountSettings: Lambda's account limits and this server's usage. Thread-safe. */
public final class AccountSettingsRoutes {

    /** Lambda's default regional storage quota for function and layer code. */
    private static final long TOTAL_CODE_SIZE_LIMIT = 80_530_636_800L;

    private final Function<RoutingContext, FunctionService> service;
    private final Function<RoutingContext, ConcurrencyService> concurrency;

    public AccountSettingsRoutes(Function<RoutingContext, FunctionService> service, Function<RoutingContext, ConcurrencyService> concurrency) {
        this.service = service;
        this.concurrency = concurrency;
    }

    public void register(Operations operations) {
        operations.add(HttpMethod.GET, "/2016-08-19/account-settings", lambda("GetAccountSettings"), this::get);
        operations.add(HttpMethod.GET, "/2016-08-19/account-settings/", lambda("GetAccountSettings"), this::get);
    }

    private void get(RoutingContext ctx) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("AccountLimit")
                .put("TotalCodeSize", TOTAL_CODE_SIZE_LIMIT)
                .put("CodeSizeUnzipped", FunctionService.MAX_UNZIPPED_BYTES)
                .put("CodeSizeZipped", FunctionService.MAX_ZIPPED_BYTES)
                .put("ConcurrentExecutions", concurrency.apply(ctx).accountLimit())
                .put("UnreservedConcurrentExecutions", concurrency.apply(ctx).unreserved());
        body.putObject("AccountUsage")
                .put("TotalCodeSize", service.apply(ctx).codeStore().totalCodeSize())
                .put("FunctionCount", service.apply(ctx).functionCount());
        Responses.json(ctx, 200, body);
    }
}
