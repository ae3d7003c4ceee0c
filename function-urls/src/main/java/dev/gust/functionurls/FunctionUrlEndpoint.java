package dev.gust.functionurls;

import dev.gust.core.Completions;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.Invoker;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.core.urls.UrlCors;
import dev.gust.edge.AuthFailure;
import dev.gust.edge.Caller;
import dev.gust.edge.ConditionKeys;
import dev.gust.edge.EdgeException;
import dev.gust.edge.EndpointHandler;
import dev.gust.edge.EndpointRequest;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.httpevents.Cors;
import dev.gust.httpevents.CorsConfig;
import dev.gust.httpevents.HttpRequest;
import dev.gust.httpevents.HttpResponse;
import dev.gust.httpevents.MalformedResponse;
import dev.gust.httpevents.PayloadV2;
import io.vertx.core.http.HttpServerResponse;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane of function URLs, the edge's public endpoint {@code lambda-url}: finds the request's URL in memory
 * ({@link FunctionUrlDirectory}), answers CORS preflights itself, checks the URL's auth type ({@code NONE}: the
 * function's policy must allow the public, {@link PublicAccess}; {@code AWS_IAM}: SigV4 for {@code lambda} and IAM's
 * evaluation of {@code lambda:InvokeFunctionUrl}), invokes the function with the payload 2.0 event and maps its answer
 * to the HTTP response, buffered or streamed ({@link StreamedAnswer}). Everything runs on the event loop; nothing
 * touches storage. Thread-safe.
 */
public final class FunctionUrlEndpoint implements EndpointHandler {

    /** The operation a URL request is authorized as. */
    static final Operation INVOKE_URL = new Operation("InvokeFunctionUrl", PublicAccess.ACTION, OperationKind.DATA);
    /** The largest request body, as an invocation's payload: 6 MB. */
    public static final long MAX_REQUEST_BYTES = 6L * 1024 * 1024;
    private static final ConditionKeys IAM_KEYS = (ctx, keys) -> keys.key(PublicAccess.AUTH_TYPE_KEY,
            FunctionUrlConfig.AUTH_IAM);
    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlEndpoint.class);

    private final FunctionUrlDirectory directory;
    private final Invoker invoker;
    private final PublicAccess publicAccess;
    private final InstantSource clock;

    /**
     * @param directory every URL, in memory
     * @param invoker runs the invocations
     * @param policies the functions' and aliases' resource policies, in memory
     */
    public FunctionUrlEndpoint(FunctionUrlDirectory directory, Invoker invoker, UrlPolicies policies,
            InstantSource clock) {
        this.directory = directory;
        this.invoker = invoker;
        this.publicAccess = new PublicAccess(policies);
        this.clock = clock;
    }

    @Override
    public void handle(EndpointRequest request) {
        HttpServerResponse response = request.context().response();
        Optional<FunctionUrlConfig> found = directory.find(request.id())
                .filter(url -> request.region().map(url.account().region()::equals).orElse(true));
        if (found.isEmpty()) {
            UrlErrors.unknownUrl(response);
            return;
        }
        FunctionUrlConfig url = found.get();
        String traceId = traceId();
        HttpRequest http = UrlRequests.of(request, url, traceId, clock.instant());
        CorsConfig cors = corsConfig(url.cors());
        if (cors != null) {
            Optional<HttpResponse> preflight = Cors.preflight(cors, http);
            if (preflight.isPresent()) {
                UrlResponses.send(response, preflight.get(), traceId);
                return;
            }
        }
        Caller caller = null;
        if (FunctionUrlConfig.AUTH_IAM.equals(url.authType())) {
            try {
                caller = request.authenticate("lambda");
                request.authorize(caller, INVOKE_URL, url.functionArn(), IAM_KEYS);
            } catch (EdgeException e) {
                refuse(response, e);
                return;
            }
        } else if (!publicAccess.allows(url, request.sourceIp())) {
            UrlErrors.forbidden(response);
            return;
        }
        byte[] event = PayloadV2.event(http, UrlRequests.context(url, request.requestId(), caller));
        InvocationRequest invocation = new InvocationRequest(request.requestId(), url.account(), url.functionName(),
                FunctionUrlConfig.LATEST.equals(url.qualifier()) ? Optional.empty() : Optional.of(url.qualifier()),
                event, false, null, traceId);
        UnaryOperator<HttpResponse> withCors = cors == null ? UnaryOperator.identity()
                : answer -> Cors.apply(cors, http, answer);
        if (url.streams()) {
            StreamedAnswer answer = new StreamedAnswer(request.context().vertx().getOrCreateContext(), response,
                    traceId, withCors);
            invoker.invokeWithResponseStream(invocation, answer).whenComplete((result, failure) ->
                    answer.complete(result, failure, () -> failed(response, url, result, failure)));
            return;
        }
        invoker.invoke(invocation).whenComplete((result, failure) -> {
            if (failure != null || result.functionError() != null) {
                failed(response, url, result, failure);
                return;
            }
            HttpResponse answer;
            try {
                answer = PayloadV2.response(result.payload());
            } catch (MalformedResponse e) {
                LOG.debug("{}'s answer maps to no HTTP response: {}", url.functionArn(), e.getMessage());
                UrlErrors.functionFailed(response);
                return;
            }
            UrlResponses.send(response, withCors.apply(answer), traceId);
        });
    }

    @Override
    public void tooLarge(EndpointRequest request) {
        UrlErrors.tooLarge(request.context().response(), MAX_REQUEST_BYTES);
    }

    /** An invocation that gave no response: the function failed, or Lambda refused to run it. */
    private static void failed(HttpServerResponse response, FunctionUrlConfig url, InvocationResult result,
            Throwable failure) {
        if (failure == null) {
            UrlErrors.functionFailed(response); // the function's error, its timeout, its crash
            return;
        }
        Throwable cause = Completions.cause(failure);
        if (!(cause instanceof LambdaException e)) {
            LOG.error("invoking {} through its URL failed", url.functionArn(), cause);
            UrlErrors.internal(response);
            return;
        }
        switch (e.errorType()) {
            // the URL outlived its alias (AWS keeps it), or the function is being deleted
            case "ResourceNotFoundException" -> UrlErrors.forbidden(response);
            case "TooManyRequestsException" -> UrlErrors.throttled(response);
            case "RequestEntityTooLargeException" -> UrlErrors.tooLarge(response, MAX_REQUEST_BYTES);
            default -> UrlErrors.functionFailed(response);
        }
    }

    /**
     * An {@code AWS_IAM} URL's request that failed authentication or authorization: an unsigned or denied request is
     * AWS's 403 {@code Forbidden}; a bad signature, an unknown key or an expired token is the edge's 403 in Lambda's
     * error shape ({@code InvalidSignatureException}, ...).
     */
    private static void refuse(HttpServerResponse response, EdgeException e) {
        if (e.failure() == AuthFailure.MISSING_TOKEN || e.failure() == AuthFailure.ACCESS_DENIED) {
            UrlErrors.forbidden(response);
            return;
        }
        throw e; // the edge writes it
    }

    private static CorsConfig corsConfig(UrlCors cors) {
        return cors == null ? null : new CorsConfig(Boolean.TRUE.equals(cors.allowCredentials()), cors.allowHeaders(),
                cors.allowMethods(), cors.allowOrigins(), cors.exposeHeaders(), cors.maxAge());
    }

    /** A new X-Ray trace header: {@code Root=1-<epoch seconds, hex>-<96 random bits, hex>}. */
    private String traceId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        return "Root=1-" + Long.toHexString(clock.instant().getEpochSecond()) + "-"
                + HexFormat.of().formatHex(random);
    }
}
