package dev.gust.api.functions;

import static dev.gust.api.http.Operations.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gust.api.http.Json;
import dev.gust.api.http.Operations;
import dev.gust.api.http.Responses;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/** The HTTP binding of GetAccountSettings: Lambda's account limits and this server's usage. Thread-safe. */
public final class AccountSettingsRoutes {

    /** Lambda's default regional storage quota for function and layer code. */
    private static final long TOTAL_CODE_SIZE_LIMIT = 80_530_636_800L;

    private final FunctionService service;
    private final ConcurrencyService concurrency;

    public AccountSettingsRoutes(FunctionService service, ConcurrencyService concurrency) {
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
                .put("ConcurrentExecutions", concurrency.accountLimit())
                .put("UnreservedConcurrentExecutions", concurrency.unreserved());
        body.putObject("AccountUsage")
                .put("TotalCodeSize", service.codeStore().totalCodeSize())
                .put("FunctionCount", service.functionCount());
        Responses.json(ctx, 200, body);
    }
}
