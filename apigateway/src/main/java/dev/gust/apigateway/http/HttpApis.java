package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiFamily;
import dev.gust.core.Account;
import dev.gust.core.invoke.InvokePermissions;
import dev.gust.core.invoke.Invoker;
import dev.gust.edge.Caller;
import dev.gust.edge.EdgeException;
import dev.gust.edge.EndpointRequest;
import dev.gust.edge.ErrorWriter;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import dev.gust.httpevents.Cors;
import dev.gust.httpevents.Header;
import dev.gust.httpevents.HttpRequest;
import dev.gust.httpevents.HttpResponse;
import dev.gust.store.HttpApiStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * API Gateway's HTTP APIs ({@code apigatewayv2}) as an {@link ApiFamily}: their management API, and their invoke
 * URLs, which choose a stage and a route from memory, answer CORS preflights, ask the function's policy, invoke the
 * function in the integration's payload format and map its answer as AWS does. Thread-safe.
 */
public final class HttpApis implements ApiFamily {

    private static final Operation INVOKE = new Operation("Invoke", "execute-api:Invoke", OperationKind.DATA);

    private final HttpApiControl control;
    private final RouteControl routeControl;
    private final StageControl stageControl;
    private final Invoker invoker;
    private final ApiPermissions permissions;
    private final InstantSource clock;

    /**
     * @param store where the APIs are kept (loaded now)
     * @param invoker runs the functions
     * @param permissions the function policies of each account and region (they may block)
     * @param blocking where the policies are asked
     * @param clock the wall clock
     */
    public HttpApis(HttpApiStore store, Invoker invoker, Function<Account, InvokePermissions> permissions,
            Executor blocking, InstantSource clock) {
        HttpApiRegistry registry = HttpApiRegistry.load(store);
        this.control = new HttpApiControl(registry, clock);
        this.routeControl = new RouteControl(registry, clock);
        this.stageControl = new StageControl(registry, clock);
        this.invoker = invoker;
        this.permissions = new ApiPermissions(permissions, blocking, System::nanoTime);
        this.clock = clock;
    }

    @Override
    public void register(ServiceRoutes routes) {
        new HttpApiOperations(control, routeControl, stageControl, routes).register();
    }

    @Override
    public boolean serves(String apiId) {
        return control.registry().served(apiId).isPresent();
    }

    @Override
    public void serve(EndpointRequest endpoint) {
        String requestId = newRequestId();
        Optional<ServedApi> found = control.registry().served(endpoint.id());
        if (found.isEmpty()) {
            ApiResponses.send(endpoint.context().response(), ApiResponses.NOT_FOUND, requestId);
            return;
        }
        ServedApi served = found.get();
        Api api = served.definition().api();
        if (endpoint.region().isPresent() && !endpoint.region().get().equals(api.account().region())) {
            ApiResponses.send(endpoint.context().response(), ApiResponses.NOT_FOUND, requestId);
            return;
        }
        if (api.disableExecuteApiEndpoint()) {
            ApiResponses.send(endpoint.context().response(), ApiResponses.FORBIDDEN, requestId);
            return;
        }
        HttpRequest request = request(endpoint);
        if (api.cors() != null) {
            Optional<HttpResponse> preflight = Cors.preflight(Cors.Service.HTTP_API, api.cors(), request);
            if (preflight.isPresent()) {
                ApiResponses.send(endpoint.context().response(), preflight.get(), requestId);
                return;
            }
        }
        var stage = served.stageFor(endpoint.path());
        var match = stage.flatMap(s -> s.getKey().routes().match(request.method(), s.getValue()));
        var integration = match.flatMap(m -> stage.get().getKey().integration(m.route()));
        if (integration.isEmpty()) {
            answer(endpoint, api, request, ApiResponses.NOT_FOUND, requestId);
            return;
        }
        ServedApi.ServedStage servedStage = stage.get().getKey();
        Map<String, Object> authorizer = null;
        if (match.get().route().authorizationType().equals("AWS_IAM")) {
            authorizer = iamAuthorizer(endpoint, ApiInvocation.executeApiArn(api, servedStage.stage().stageName(),
                    request.method() + stage.get().getValue()), requestId);
            if (authorizer == null) {
                return;
            }
        }
        new ApiInvocation(this, endpoint, request, api, servedStage, match.get(), integration.get(), requestId)
                .run(authorizer);
    }

    /**
     * The {@code requestContext.authorizer} of a request to an {@code AWS_IAM} route: the request must be signed for
     * {@code execute-api} by a caller allowed {@code execute-api:Invoke} on {@code resource}; else answers the edge's
     * error and returns {@code null}.
     */
    private static Map<String, Object> iamAuthorizer(EndpointRequest endpoint, String resource, String requestId) {
        try {
            Caller caller = endpoint.authenticate("execute-api");
            endpoint.authorize(caller, INVOKE, resource, null);
            return ApiInvocation.iamAuthorizer(caller);
        } catch (EdgeException e) {
            endpoint.context().response().headers().remove("x-amzn-RequestId");
            endpoint.context().response().putHeader(ApiResponses.REQUEST_ID, requestId);
            ErrorWriter.send(endpoint.context().response(), Protocol.REST_JSON, e, requestId);
            return null;
        }
    }

    /** Answers {@code request}, with the API's CORS headers when it has a CORS configuration. */
    void answer(EndpointRequest endpoint, Api api, HttpRequest request, HttpResponse response, String requestId) {
        HttpResponse withCors = api.cors() == null ? response : Cors.apply(api.cors(), request, response);
        ApiResponses.send(endpoint.context().response(), withCors, requestId);
    }

    Invoker invoker() {
        return invoker;
    }

    ApiPermissions permissions() {
        return permissions;
    }

    /** The host name of the API's invoke URL as the request named it, or as the host form names it. */
    static String domainName(EndpointRequest endpoint, Api api) {
        if (!endpoint.pathForm() && endpoint.request().authority() != null) {
            return endpoint.request().authority().host();
        }
        return api.apiId() + ".execute-api." + api.account().region() + ".localhost";
    }

    private HttpRequest request(EndpointRequest endpoint) {
        List<Header> headers = new ArrayList<>();
        endpoint.request().headers().forEach(header -> headers.add(new Header(header.getKey(), header.getValue())));
        return new HttpRequest(endpoint.request().method().name(), endpoint.path(), endpoint.rawQuery(), headers,
                endpoint.body().getBytes(), endpoint.sourceIp(), "HTTP/1.1", clock.instant());
    }

    /** A request id shaped as API Gateway's ({@code JKJaXmPLvHcESHA=}); an id, not a secret. */
    private static String newRequestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
