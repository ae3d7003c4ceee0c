package dev.gust.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gust.api.functions.AccountSettingsRoutes;
import dev.gust.api.functions.AliasRoutes;
import dev.gust.api.functions.CodeDownloadRoute;
import dev.gust.api.functions.CodeLinks;
import dev.gust.api.functions.ConcurrencyRoutes;
import dev.gust.api.functions.ConcurrencyService;
import dev.gust.api.functions.EventInvokeConfigRoutes;
import dev.gust.api.functions.EventInvokeConfigService;
import dev.gust.api.functions.FunctionRoutes;
import dev.gust.api.functions.FunctionService;
import dev.gust.api.functions.ProvisionedConcurrencyRoutes;
import dev.gust.api.functions.ProvisionedConcurrencyService;
import dev.gust.api.functions.TagRoutes;
import dev.gust.api.functions.VersionRoutes;
import dev.gust.api.http.ErrorResponder;
import dev.gust.api.http.Operations;
import dev.gust.api.http.RequestAuthenticator;
import dev.gust.api.invoke.InvokeRoute;
import dev.gust.api.layers.LayerRoutes;
import dev.gust.api.layers.LayerService;
import dev.gust.api.permissions.PolicyRoutes;
import dev.gust.api.permissions.PolicyService;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.Invoker;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Assembles the AWS-compatible HTTP API into one Vert.x {@link Router}: Gust's own endpoints under
 * {@code /_gust/}, then every Lambda operation behind SigV4 authentication.
 */
public final class LambdaApi {

    /** AWS's limit on a CreateFunction request body (a 50 MB zip, base64-encoded, plus JSON). */
    static final long MAX_REQUEST_BYTES = 70_167_211L;

    private LambdaApi() {
    }

    /**
     * Builds the router.
     *
     * @param health the body of {@code GET /_gust/health}, computed on each call
     */
    public static Router router(Vertx vertx, FunctionService functions, EventInvokeConfigService eventInvokeConfigs,
            LayerService layers, CodeLinks codeLinks, RequestAuthenticator authenticator, Invoker invoker,
            EventInvoker events, ConcurrencyService concurrency, ProvisionedConcurrencyService provisioned,
            PolicyService policies, Supplier<CompletionStage<JsonNode>> health) {
        Router router = Router.router(vertx);
        router.route().handler(LambdaApi::addRequestId);
        router.get("/_gust/health").handler(ctx -> health.get().whenComplete((body, failure) -> {
            if (failure != null) {
                ErrorResponder.send(ctx.response(), LambdaException.service("health: " + failure));
            } else {
                ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
            }
        }));
        new CodeDownloadRoute(codeLinks, functions.codeStore()).register(router);
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES));

        new InvokeRoute(functions.account(), invoker, events, authenticator).register(router);
        Operations operations = new Operations(router, authenticator);
        new FunctionRoutes(functions, codeLinks, concurrency).register(operations);
        new TagRoutes(functions.tags()).register(operations);
        new VersionRoutes(functions.versions()).register(operations);
        new AliasRoutes(functions.aliases()).register(operations);
        new EventInvokeConfigRoutes(eventInvokeConfigs).register(operations);
        new ConcurrencyRoutes(concurrency).register(operations);
        new ProvisionedConcurrencyRoutes(provisioned).register(operations);
        new AccountSettingsRoutes(functions, concurrency).register(operations);
        new LayerRoutes(layers, codeLinks).register(operations);
        new PolicyRoutes(policies).register(operations);

        router.route().last().handler(ctx -> ErrorResponder.send(ctx.response(), LambdaException.unknownOperation()));
        router.route().failureHandler(LambdaApi::failure);
        return router;
    }

    private static void addRequestId(RoutingContext ctx) {
        ctx.response().putHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        ctx.next();
    }

    private static void failure(RoutingContext ctx) {
        if (ctx.failure() instanceof LambdaException e) {
            ErrorResponder.send(ctx.response(), e);
        } else if (ctx.statusCode() == 413) {
            ErrorResponder.send(ctx.response(), LambdaException.requestTooLarge(
                    "Request must be smaller than " + MAX_REQUEST_BYTES + " bytes for the "
                            + "CreateFunction operation"));
        } else {
            ErrorResponder.send(ctx.response(), LambdaException.service(
                    "An internal error occurred: " + (ctx.failure() == null ? ctx.statusCode() : ctx.failure())));
        }
    }
}
