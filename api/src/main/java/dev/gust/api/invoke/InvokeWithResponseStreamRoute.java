package dev.gust.api.invoke;

import dev.gust.api.LambdaNamespaces;
import dev.gust.api.http.ErrorResponder;
import dev.gust.api.http.Operations;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.Invoker;
import dev.gust.edge.Operation;
import dev.gust.edge.OperationKind;
import dev.gust.edge.ServiceRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The HTTP binding of {@code InvokeWithResponseStream}: validates the request as {@link InvokeRoute} does and streams
 * the function's response back as {@code application/vnd.amazon.eventstream} events ({@link EventStreamResponse}),
 * without leaving the event loop. Thread-safe.
 */
public final class InvokeWithResponseStreamRoute {

    /** {@code InvokeWithResponseStream}: the data plane, authorized as {@code lambda:InvokeFunction}. */
    public static final Operation INVOKE_WITH_RESPONSE_STREAM = new Operation("InvokeWithResponseStream",
            "lambda:InvokeFunction", OperationKind.DATA);

    private final Invoker invoker;

    public InvokeWithResponseStreamRoute(Invoker invoker) {
        this.invoker = invoker;
    }

    public void register(ServiceRoutes routes) {
        routes.rest(INVOKE_WITH_RESPONSE_STREAM, HttpMethod.POST,
                "/2021-11-15/functions/:FunctionName/response-streaming-invocations", Operations::resource,
                this::invoke);
    }

    private void invoke(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        try {
            FunctionReference reference = InvokeRoute.function(ctx);
            Optional<String> qualifier = reference.effectiveQualifier(ctx.queryParams().get("Qualifier"));
            boolean dryRun = dryRun(ctx.request().getHeader("X-Amz-Invocation-Type"));
            byte[] payload = InvokeRoute.payload(ctx.body().buffer());
            if (dryRun) {
                invoker.dryRun(LambdaNamespaces.accountOf(ctx), reference.name(), qualifier)
                        .whenComplete((ok, failure) -> {
                            if (failure != null) {
                                InvokeRoute.sendFailure(response, failure);
                            } else if (!response.closed()) {
                                response.setStatusCode(204).end();
                            }
                        });
                return;
            }
            boolean tail = "Tail".equals(ctx.request().getHeader("X-Amz-Log-Type"));
            EventStreamResponse stream = new EventStreamResponse(response);
            invoker.invokeWithResponseStream(InvokeRoute.request(ctx, reference, qualifier, payload, tail), stream)
                    .whenComplete((result, failure) -> {
                        if (failure == null) {
                            stream.complete(result);
                        } else if (stream.unsent()) {
                            InvokeRoute.sendFailure(response, failure);
                        } else {
                            response.reset(); // a failure after the first event: the stream cannot say more
                        }
                    });
        } catch (LambdaException e) {
            ErrorResponder.send(response, e);
        }
    }

    /** Whether the invocation type asks for a dry run; anything but the two types AWS streams is refused. */
    private static boolean dryRun(String header) {
        if (header == null || header.equals("RequestResponse")) {
            return false;
        }
        if (header.equals("DryRun")) {
            return true;
        }
        throw LambdaException.validation("1 validation error detected: Value '" + header + "' at 'invocationType' "
                + "failed to satisfy constraint: Member must satisfy enum value set: [RequestResponse, DryRun]");
    }
}
