package dev.gust.apigateway.http;

import dev.gust.apigateway.http.ServedApi.ServedStage;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.InvokeAuthorization;
import dev.gust.edge.Caller;
import dev.gust.edge.EndpointRequest;
import dev.gust.httpevents.IamAuthorizer;
import dev.gust.httpevents.EventContext;
import dev.gust.httpevents.HttpRequest;
import dev.gust.httpevents.HttpResponse;
import dev.gust.httpevents.MalformedResponse;
import dev.gust.httpevents.PayloadV1;
import dev.gust.httpevents.PayloadV2;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to a route of an HTTP API, after its stage and route were chosen: the function's permission asked (off
 * the event loop), the event built in the integration's payload format, the function invoked within the
 * integration's timeout, and its answer mapped as API Gateway maps it. Used once, by one request.
 */
final class ApiInvocation {

    private static final Logger LOG = LoggerFactory.getLogger(ApiInvocation.class);
    /** The principal API Gateway invokes functions as. */
    static final String PRINCIPAL = "apigateway.amazonaws.com";
    /** Lambda's limit on a synchronous invocation's event (6 MB): a larger event is never invoked. */
    static final int MAX_EVENT_BYTES = 6_291_456;

    private final HttpApis apis;
    private final EndpointRequest endpoint;
    private final HttpRequest request;
    private final Api api;
    private final ServedStage stage;
    private final RouteTable.Match match;
    private final Integration integration;
    private final String requestId;

    ApiInvocation(HttpApis apis, EndpointRequest endpoint, HttpRequest request, Api api, ServedStage stage,
            RouteTable.Match match, Integration integration, String requestId) {
        this.apis = apis;
        this.endpoint = endpoint;
        this.request = request;
        this.api = api;
        this.stage = stage;
        this.match = match;
        this.integration = integration;
        this.requestId = requestId;
    }

    /** Runs the invocation; answers the request when it is done. */
    void run(Map<String, Object> authorizer) {
        Optional<LambdaTarget> target = stage.target(integration);
        if (target.isEmpty()) {
            answer(ApiResponses.INTERNAL_SERVER_ERROR);
            return;
        }
        LambdaTarget function = target.get();
        InvokeAuthorization question = InvokeAuthorization.serviceInvoke(function.functionName(),
                function.qualifier(), PRINCIPAL, sourceArn(), api.account().accountId());
        apis.permissions().allows(function.account(), question).whenComplete((allowed, failure) -> {
            if (failure != null || !allowed) {
                answer(ApiResponses.INTERNAL_SERVER_ERROR);
            } else {
                invoke(function, authorizer);
            }
        });
    }

    private void invoke(LambdaTarget function, Map<String, Object> authorizer) {
        EventContext context = context(authorizer);
        boolean v2 = integration.payloadFormatVersion().equals("2.0");
        byte[] event = v2 ? PayloadV2.event(request.withDecodedPath(), context)
                : PayloadV1.event(PayloadV1.Kind.HTTP_API, request, context);
        if (event.length > MAX_EVENT_BYTES) {
            answer(ApiResponses.TOO_LARGE);
            return;
        }
        InvocationRequest invocation = new InvocationRequest(UUID.randomUUID().toString(), function.account(),
                function.functionName(), function.qualifier(), event, false, null, null);
        CompletableFuture<InvocationResult> result;
        try {
            // a copy: the timeout below must not complete the engine's own future
            result = apis.invoker().invoke(invocation).toCompletableFuture().copy();
        } catch (LambdaException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.orTimeout(integration.timeoutInMillis(), TimeUnit.MILLISECONDS).whenComplete((answer, failure) -> {
            if (failure != null) {
                answer(failed(failure));
            } else if (answer.functionError() != null) {
                answer(ApiResponses.INTERNAL_SERVER_ERROR);
            } else {
                answer(mapped(answer.payload(), v2));
            }
        });
    }

    private static HttpResponse mapped(byte[] payload, boolean v2) {
        try {
            return v2 ? PayloadV2.response(payload) : PayloadV1.response(PayloadV1.Kind.HTTP_API, payload);
        } catch (MalformedResponse e) {
            // HTTP APIs answer an answer they cannot map like a function error (REST APIs answer 502)
            return ApiResponses.INTERNAL_SERVER_ERROR;
        }
    }

    private static HttpResponse failed(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return ApiResponses.SERVICE_UNAVAILABLE;
        }
        if (cause instanceof LambdaException lambda) {
            return lambda.errorType().equals("RequestTooLargeException") ? ApiResponses.TOO_LARGE
                    : ApiResponses.INTERNAL_SERVER_ERROR;
        }
        LOG.warn("HTTP API invocation failed", cause);
        return ApiResponses.INTERNAL_SERVER_ERROR;
    }

    private void answer(HttpResponse response) {
        apis.answer(endpoint, api, request, response, requestId);
    }

    private EventContext context(Map<String, Object> authorizer) {
        String domain = HttpApis.domainName(endpoint, api);
        return EventContext.builder().accountId(api.account().accountId()).apiId(api.apiId()).domainName(domain)
                .domainPrefix(api.apiId()).requestId(requestId).routeKey(match.route().routeKey())
                .stage(stage.stage().stageName())
                .pathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .stageVariables(stage.stage().stageVariables().isEmpty() ? null : stage.stage().stageVariables())
                .authorizer(authorizer).build();
    }

    /**
     * The ARN API Gateway invokes the function on behalf of, which the function's policy must allow:
     * {@code arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<route path>}, or
     * {@code .../<stage>/$default} for the {@code $default} route.
     */
    String sourceArn() {
        return executeApiArn(api, stage.stage().stageName(), match.key().isDefault() ? RouteKey.DEFAULT
                : request.method() + match.key().path());
    }

    /** {@code arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<rest>}. */
    static String executeApiArn(Api api, String stageName, String rest) {
        return "arn:" + api.account().partition() + ":execute-api:" + api.account().region() + ":"
                + api.account().accountId() + ":" + api.apiId() + "/" + stageName + "/" + rest;
    }

    /** The {@code requestContext.authorizer} of an {@code AWS_IAM} route's event, for {@code caller}. */
    static Map<String, Object> iamAuthorizer(Caller caller) {
        return IamAuthorizer.of(caller.accessKeyId(), caller.accountId(), caller.userId(), caller.arn());
    }
}
