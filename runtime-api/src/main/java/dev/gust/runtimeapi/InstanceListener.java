package dev.gust.runtimeapi;

/**
 * What one instance's runtime told its {@link RuntimeApiEndpoint}: the events the owner of the pool state reacts to.
 *
 * <p>Methods are called on the endpoint's event loop, one at a time and in the order the runtime caused them. An
 * implementation must not block and must not mutate pool state itself: it posts the event to the state's owner (a
 * serial executor) and returns. Payload arrays are handed over; the endpoint keeps no reference to them.
 */
public interface InstanceListener {

    /**
     * The runtime asked for its first invocation: init is done and the instance is idle.
     *
     * @param readyNanos when the first {@code GET /next} arrived, on the endpoint's ticker (by default
     *     {@link System#nanoTime()})
     */
    void onReady(long readyNanos);

    /**
     * The runtime answered the invocation in flight; the instance takes the next one as soon as it is offered.
     *
     * @param requestId the invocation's request id
     * @param payload the response body, at most {@link RuntimeApiEndpoint#MAX_PAYLOAD_BYTES} bytes
     */
    void onResponse(String requestId, byte[] payload);

    /**
     * The invocation in flight failed: the runtime posted {@code /error}, or its response was too large (then the
     * error type is {@code Function.ResponseSizeTooLarge} and the body the one Lambda returns for it). The instance
     * takes the next invocation as soon as it is offered.
     *
     * @param requestId the invocation's request id
     * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header (for example {@code Unhandled}), or
     *     {@code null} when the runtime sent none
     * @param body the error body as the runtime sent it, usually {@code {"errorMessage":…,"errorType":…}}
     */
    void onFunctionError(String requestId, String errorType, byte[] body);

    /**
     * The runtime failed to initialise and posted {@code /init/error}; it is expected to exit. No invocation offered
     * to this endpoint will be delivered any more.
     *
     * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header, or {@code null}
     * @param body the error body as the runtime sent it
     */
    void onInitError(String errorType, byte[] body);
}
