package dev.gust.apigateway.rest;

import dev.gust.core.Account;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.InvokeAuthorization;
import dev.gust.core.invoke.InvokePermissions;
import dev.gust.core.invoke.Invoker;
import dev.gust.edge.Caller;
import dev.gust.edge.EndpointRequest;
import dev.gust.httpevents.EventContext;
import dev.gust.httpevents.Header;
import dev.gust.httpevents.HttpRequest;
import dev.gust.httpevents.HttpResponse;
import dev.gust.httpevents.MalformedResponse;
import dev.gust.httpevents.PayloadV1;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoke URLs of REST APIs ({@code /<stage>/<path>}): matches the request against the route table of the stage's
 * deployment (in memory), checks the method's authorization ({@code AWS_IAM}: SigV4 for {@code execute-api}) and the
 * function's resource policy (principal {@code apigateway.amazonaws.com}, off the event loop), invokes the function
 * with the REST proxy event ({@link PayloadV1}) and maps its answer, with API Gateway's statuses and bodies for every
 * failure. Thread-safe; runs on the request's event loop.
 */
final class ProxyIntegration {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyIntegration.class);
    private static final String PRINCIPAL = "apigateway.amazonaws.com";

    private final RestApiRegistry registry;
    private final Invoker invoker;
    private final Function<Account, InvokePermissions> permissions;
    private final InstantSource clock;

    ProxyIntegration(RestApiRegistry registry, Invoker invoker, Function<Account, InvokePermissions> permissions,
            InstantSource clock) {
        this.registry = registry;
        this.invoker = invoker;
        this.permissions = permissions;
        this.clock = clock;
    }

    void serve(EndpointRequest request) {
        HttpServerResponse response = request.context().response();
        String extendedRequestId = ApigwIds.next();
        response.putHeader("x-amz-apigw-id", extendedRequestId).putHeader("X-Amzn-Trace-Id", ApigwIds.traceId(clock));
        Matched matched = match(request);
        if (matched == null) {
            return;
        }
        RestApi api = matched.api();
        Caller caller = null;
        if ("AWS_IAM".equals(matched.route().method().authorizationType())) {
            caller = IamAuthorization.authorize(request, matched.sourceArn());
            if (caller == null) {
                return;
            }
        }
        ApiIntegration integration = matched.route().method().integration();
        Optional<LambdaUri.Target> target = integration == null ? Optional.empty()
                : LambdaUri.target(integration.uri(), matched.stage().variables());
        if (target.isEmpty()) {
            DataPlaneErrors.internalServerError(response, 500);
            return;
        }
        byte[] event = PayloadV1.event(PayloadV1.Kind.REST_API, httpRequest(request, matched.path()),
                eventContext(request, api, matched.stage(), matched.route()).extendedRequestId(extendedRequestId)
                        .build(), api.binaryMediaTypes());
        byte[] payload = caller == null ? event : IamAuthorization.withIdentity(event, caller);
        Context context = request.context().vertx().getOrCreateContext();
        InvokeAuthorization question = InvokeAuthorization.serviceInvoke(target.get().functionName(),
                target.get().qualifier(), PRINCIPAL, matched.sourceArn(), api.account().accountId());
        request.context().vertx().executeBlocking(
                () -> permissions.apply(target.get().account()).allows(question), false).onComplete(allowed -> {
                    if (allowed.failed() || !allowed.result()) {
                        if (allowed.failed()) {
                            LOG.error("permission check failed for {}", matched.sourceArn(), allowed.cause());
                        }
                        DataPlaneErrors.internalServerError(response, 500);
                        return;
                    }
                    invoke(request, context, target.get(), payload, integration.timeoutInMillis(),
                            api.binaryMediaTypes());
                });
    }

    /**
     * A request matched to a route of a stage.
     *
     * @param api the API
     * @param stage the stage
     * @param route the route
     * @param path the path after the stage
     * @param sourceArn {@code arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD><path>}
     */
    private record Matched(RestApi api, Stage stage, RouteTable.Route route, String path, String sourceArn) {
    }

    /** The route {@code request} takes; {@code null} when there is none, and API Gateway's 403 is written. */
    private Matched match(EndpointRequest request) {
        HttpServerResponse response = request.context().response();
        HostedApi hosted = registry.find(request.id()).orElse(null);
        RestApi api = hosted == null ? null : hosted.api();
        if (api == null || api.disableExecuteApiEndpoint()
                || request.region().map(region -> !region.equals(api.account().region())).orElse(false)) {
            DataPlaneErrors.forbidden(response);
            return null;
        }
        StagePath stagePath = StagePath.of(request.path());
        Stage stage = stagePath.stage() == null ? null : api.stages().get(stagePath.stage());
        RouteTable routes = stage == null ? null : hosted.routes().get(stage.stageName());
        if (routes == null) {
            DataPlaneErrors.forbidden(response);
            return null;
        }
        String method = request.request().method().name();
        Optional<RouteTable.Route> route = routes.match(method, stagePath.path());
        if (route.isEmpty()) {
            DataPlaneErrors.missingAuthenticationToken(response);
            return null;
        }
        String sourceArn = "arn:" + api.account().partition() + ":execute-api:" + api.account().region() + ":"
                + api.account().accountId() + ":" + api.id() + "/" + stage.stageName() + "/" + method
                + stagePath.path();
        return new Matched(api, stage, route.get(), stagePath.path(), sourceArn);
    }

    private void invoke(EndpointRequest request, Context context, LambdaUri.Target target, byte[] event,
            int timeoutMillis, List<String> binaryMediaTypes) {
        HttpServerResponse response = request.context().response();
        AtomicBoolean answered = new AtomicBoolean();
        long timer = request.context().vertx().setTimer(timeoutMillis, id -> {
            if (answered.compareAndSet(false, true)) {
                DataPlaneErrors.timedOut(response);
            }
        });
        InvocationRequest invocation = new InvocationRequest(UUID.randomUUID().toString(), target.account(),
                target.functionName(), target.qualifier(), event, false, null, response.headers().get("X-Amzn-Trace-Id"));
        invoker.invoke(invocation).whenComplete((result, failure) -> context.runOnContext(v -> {
            request.context().vertx().cancelTimer(timer);
            if (answered.compareAndSet(false, true)) {
                answer(response, result, failure, binaryMediaTypes, request.request().getHeader("Accept"));
            }
        }));
    }

    private static void answer(HttpServerResponse response, InvocationResult result, Throwable failure,
            List<String> binaryMediaTypes, String accept) {
        if (response.ended() || response.closed()) {
            return;
        }
        if (failure != null) {
            if (!(failure instanceof LambdaException) && !(failure.getCause() instanceof LambdaException)) {
                LOG.error("invocation failed", failure);
            }
            DataPlaneErrors.internalServerError(response, 500);
            return;
        }
        if (result.functionError() != null) {
            DataPlaneErrors.internalServerError(response, 502);
            return;
        }
        HttpResponse mapped;
        try {
            mapped = PayloadV1.restResponse(result.payload(), binaryMediaTypes, accept);
        } catch (MalformedResponse e) {
            DataPlaneErrors.internalServerError(response, 502);
            return;
        }
        response.setStatusCode(mapped.statusCode());
        for (Header header : mapped.headers()) {
            response.headers().add(header.name(), header.value());
        }
        response.end(Buffer.buffer(mapped.body()));
    }

    private HttpRequest httpRequest(EndpointRequest request, String path) {
        List<Header> headers = new ArrayList<>();
        request.request().headers().forEach(entry -> headers.add(new Header(entry.getKey(), entry.getValue())));
        return new HttpRequest(request.request().method().name(), path, request.rawQuery(), headers,
                request.body().getBytes(), request.sourceIp(), "HTTP/1.1", clock.instant());
    }

    private static EventContext.Builder eventContext(EndpointRequest request, RestApi api, Stage stage,
            RouteTable.Route route) {
        String domainName = domainName(request, api);
        Map<String, String> parameters = route.pathParameters();
        return EventContext.builder().accountId(api.account().accountId()).apiId(api.id()).domainName(domainName)
                .domainPrefix(domainName.substring(0, domainName.indexOf('.'))).requestId(request.requestId())
                .routeKey(null).stage(stage.stageName()).resourcePath(route.resource().path())
                .resourceId(route.resource().id()).pathParameters(parameters.isEmpty() ? null : parameters)
                .stageVariables(stage.variables().isEmpty() ? null : stage.variables())
                .deploymentId(stage.deploymentId());
    }

    /** The host the client used without its port; for the path form, the host form's name. */
    private static String domainName(EndpointRequest request, RestApi api) {
        String host = request.pathForm() ? null : request.request().authority() == null ? null
                : request.request().authority().host();
        return host == null || host.isEmpty() ? api.id() + ".execute-api." + api.account().region() + ".localhost"
                : host;
    }

    /**
     * The stage and the path after it of an invoke URL's path: {@code /prod/items/1} is stage {@code prod} and path
     * {@code /items/1}; slashes before the stage and right after it collapse.
     */
    record StagePath(String stage, String path) {

        static StagePath of(String requestPath) {
            String rest = requestPath;
            while (rest.startsWith("/")) {
                rest = rest.substring(1);
            }
            int slash = rest.indexOf('/');
            String stage = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash);
            while (path.startsWith("//")) {
                path = path.substring(1);
            }
            return new StagePath(stage.isEmpty() ? null : stage, path.isEmpty() ? "/" : path);
        }
    }
}
