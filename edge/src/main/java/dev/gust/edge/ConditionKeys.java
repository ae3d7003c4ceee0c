package dev.gust.edge;

import dev.gust.policy.RequestContext;
import io.vertx.ext.web.RoutingContext;

/**
 * The service-specific condition keys of one operation (Service Authorization Reference, "Condition keys"), such as
 * {@code lambda:FunctionArn} or {@code lambda:Principal}, which the edge adds to the global keys before it evaluates
 * policies. Called on the event loop after the body is read ({@code ctx.body().buffer()}), once per request;
 * implementations are thread-safe and do no I/O.
 */
@FunctionalInterface
public interface ConditionKeys {

    /** Adds this request's values of the operation's condition keys to {@code keys}. */
    void addTo(RoutingContext ctx, RequestContext.Builder keys);
}
