package dev.gust.api.invoke;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gust.api.LambdaNamespaces;
import dev.gust.api.http.ErrorResponder;
import dev.gust.api.http.Operations;
import dev.gust.core.Completions;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.Invoker;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP binding of {@code Invoke}: validates the request as AWS does and hands it to the {@link Invoker}
 * without leaving the event loop (the edge authenticated and authorized it, and read its body). Thread-safe.
 */
public final class InvokeRoute {

    /** Lambda's limit on a synchronous request and response payload. */
    public static final int MAX_PAYLOAD_BYTES = 6_291_456;
    /** Lambda's limit on an asynchronous ({@code Event}) payload. */
    public static final int MAX_EVENT_PAYLOAD_BYTES = 1_048_576;
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
    /** {@code Invoke}: the data plane, allowed to a function's own credentials. */
    public static final Operation INVOKE = new Operation("Invoke", "lambda:InvokeFunction", OperationKind.DATA);
    /** The deprecated {@code InvokeAsync}, authorized as {@code lambda:InvokeFunction}. */
    public static final Operation INVOKE_ASYNC = new Operation("InvokeAsync", "lambda:InvokeFunction",
            OperationKind.DATA);

    private final Invoker invoker;
    private final EventInvoker events;

    public InvokeRoute(Invoker invoker, EventInvoker events) {
        this.invoker = invoker;
        this.events = events;
    }

    public void register(ServiceRoutes routes) {
        Function<RoutingContext, String> function = Operations::resource;
        routes.rest(INVOKE, HttpMethod.POST, "/2015-03-31/functions/:FunctionName/invocations", function, this::invoke);
        routes.rest(INVOKE_ASYNC, HttpMethod.POST, "/2014-11-13/functions/:FunctionName/invoke-async", function,
                this::invokeAsync);
        routes.rest(INVOKE_ASYNC, HttpMethod.POST, "/2014-11-13/functions/:FunctionName/invoke-async/", function,
                this::invokeAsync);
    }

    /** The deprecated {@code InvokeAsync}: an {@code Event} invocation answered {@code {"Status":202}}. */
    private void invokeAsync(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        try {
            FunctionReference reference = function(ctx);
            enqueue(ctx, reference, reference.qualifier(), () -> response.setStatusCode(202)
                    .putHeader("Content-Type", "application/json").end("{\"Status\":202}"));
        } catch (LambdaException e) {
            ErrorResponder.send(response, e);
        }
    }

    /** The function the request names, in the request's namespace. */
    static FunctionReference function(RoutingContext ctx) {
        return FunctionReference.parse(ctx.pathParam("FunctionName"), LambdaNamespaces.accountOf(ctx));
    }

    /** The invocation; as in Lambda, the API request id is the invocation's request id. */
    static InvocationRequest request(RoutingContext ctx, FunctionReference reference,
            Optional<String> qualifier, byte[] payload, boolean tail) {
        return new InvocationRequest(ctx.response().headers().get("x-amzn-RequestId"), LambdaNamespaces.accountOf(ctx),
                reference.name(), qualifier,
                payload, tail, clientContext(ctx.request().getHeader("X-Amz-Client-Context")),
                ctx.request().getHeader("X-Amzn-Trace-Id"));
    }

    private void enqueue(RoutingContext ctx, FunctionReference reference, Optional<String> qualifier,
            Runnable accepted) {
        Buffer body = ctx.body().buffer();
        int size = body == null ? 0 : body.length();
        if (size > MAX_EVENT_PAYLOAD_BYTES) {
            throw LambdaException.requestTooLarge(size + " byte payload is too large for the Event invocation type "
                    + "(limit " + MAX_EVENT_PAYLOAD_BYTES + " bytes)");
        }
        events.enqueue(request(ctx, reference, qualifier, payload(body), false)).whenComplete((ok, failure) -> {
            if (failure != null) {
                sendFailure(ctx.response(), failure);
            } else if (!ctx.response().closed()) {
                accepted.run();
            }
        });
    }

    private void invoke(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        try {
            FunctionReference reference = function(ctx);
            Optional<String> qualifier = reference.effectiveQualifier(ctx.queryParams().get("Qualifier"));
            String type = invocationType(ctx.request().getHeader("X-Amz-Invocation-Type"));
            if (type.equals("Event")) {
                enqueue(ctx, reference, qualifier, () -> response.setStatusCode(202).end());
                return;
            }
            byte[] payload = payload(ctx.body().buffer());
            if (type.equals("DryRun")) {
                invoker.dryRun(LambdaNamespaces.accountOf(ctx), reference.name(), qualifier).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        sendFailure(response, failure);
                    } else {
                        response.setStatusCode(204).end();
                    }
                });
                return;
            }
            boolean tail = "Tail".equals(ctx.request().getHeader("X-Amz-Log-Type"));
            invoker.invoke(request(ctx, reference, qualifier, payload, tail)).whenComplete((result, failure) -> {
                if (failure != null) {
                    sendFailure(response, failure);
                } else {
                    send(response, result);
                }
            });
        } catch (LambdaException e) {
            ErrorResponder.send(response, e);
        }
    }

    static void sendFailure(HttpServerResponse response, Throwable failure) {
        Throwable cause = Completions.cause(failure);
        ErrorResponder.send(response, cause instanceof LambdaException e ? e
                : LambdaException.service(Operations.INTERNAL_FAILURE));
    }

    private static void send(HttpServerResponse response, InvocationResult result) {
        if (response.closed()) {
            return;
        }
        response.setStatusCode(200)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Amz-Executed-Version", result.executedVersion());
        if (result.functionError() != null) {
            response.putHeader("X-Amz-Function-Error", result.functionError());
        }
        if (result.logTail() != null) {
            response.putHeader("X-Amz-Log-Result",
                    Base64.getEncoder().encodeToString(result.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        response.end(Buffer.buffer(result.payload()));
    }

    private static String invocationType(String header) {
        if (header == null || header.equals("RequestResponse")) {
            return "RequestResponse";
        }
        if (header.equals("Event") || header.equals("DryRun")) {
            return header;
        }
        throw LambdaException.validation("1 validation error detected: Value '" + header + "' at 'invocationType' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
    }

    static byte[] payload(Buffer body) {
        if (body == null || body.length() == 0) {
            return EMPTY_OBJECT;
        }
        if (body.length() > MAX_PAYLOAD_BYTES) {
            throw LambdaException.requestTooLarge("Request must be smaller than " + MAX_PAYLOAD_BYTES
                    + " bytes for the InvokeFunction operation");
        }
        byte[] bytes = body.getBytes();
        try (JsonParser parser = JSON.createParser(bytes)) {
            while (parser.nextToken() != null) {
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            throw LambdaException.invalidRequestContent("Could not parse request body into json: Could not parse "
                    + "payload into json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw LambdaException.invalidRequestContent("Could not parse request body into json: " + e.getMessage());
        }
        return bytes;
    }

    private static String clientContext(String header) {
        if (header == null || header.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw LambdaException.invalidRequestContent("Client context must be a valid Base64-encoded JSON object.");
        }
    }
}
