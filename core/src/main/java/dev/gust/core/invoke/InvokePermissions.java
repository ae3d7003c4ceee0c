package dev.gust.core.invoke;

/**
 * The seam through which the services that invoke functions (S3, SNS, EventBridge, Scheduler, API Gateway, function
 * URLs) ask a function's resource policy whether it allows them, the way Lambda does: a service principal may
 * invoke a function only if a statement of the policy of the function, version or alias it names allows it.
 *
 * <p>Implementations are thread-safe and may block on storage: call them off event loops.
 */
@FunctionalInterface
public interface InvokePermissions {

    /** Whether some statement of the named function's (version's, alias's) policy allows the request. */
    boolean allows(InvokeAuthorization request);
}
