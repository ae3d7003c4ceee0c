package dev.gust.runtimeapi;

import java.util.Objects;

/**
 * One invocation as the Runtime API hands it to a runtime: the event and what goes into the {@code GET /next} headers.
 *
 * <p>Immutable by contract: the payload array is shared, not copied, so neither side may change it after offering.
 *
 * @param requestId the request id ({@code Lambda-Runtime-Aws-Request-Id}); it also names the invocation, verbatim, in
 *     the {@code /response} and {@code /error} paths, so it must be URL-safe (Lambda's are UUIDs)
 * @param payload the event, JSON bytes
 * @param deadlineEpochMs when the invocation times out, milliseconds since the epoch ({@code Lambda-Runtime-Deadline-Ms})
 * @param invokedFunctionArn the ARN the caller used, with its qualifier ({@code Lambda-Runtime-Invoked-Function-Arn})
 * @param traceId the X-Ray trace header ({@code Lambda-Runtime-Trace-Id}), or {@code null} to send none
 * @param clientContext the decoded client context JSON ({@code Lambda-Runtime-Client-Context}), or {@code null}
 * @param cognitoIdentity the Cognito identity JSON ({@code Lambda-Runtime-Cognito-Identity}), or {@code null}
 * @param sink where the response goes as the runtime writes it, when the caller streams it
 *     ({@code InvokeWithResponseStream}); {@code null} when the caller takes the response in one piece (then a
 *     streamed response is collected, up to {@link RuntimeApiEndpoint#MAX_PAYLOAD_BYTES})
 */
public record Invocation(String requestId, byte[] payload, long deadlineEpochMs, String invokedFunctionArn,
        String traceId, String clientContext, String cognitoIdentity, ResponseSink sink) {

    /** An invocation whose caller takes the response in one piece. */
    public Invocation(String requestId, byte[] payload, long deadlineEpochMs, String invokedFunctionArn,
            String traceId, String clientContext, String cognitoIdentity) {
        this(requestId, payload, deadlineEpochMs, invokedFunctionArn, traceId, clientContext, cognitoIdentity, null);
    }

    public Invocation {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(invokedFunctionArn, "invokedFunctionArn");
        if (requestId.isEmpty() || requestId.indexOf('/') >= 0) {
            throw new IllegalArgumentException("a request id must be one non-empty path segment: " + requestId);
        }
    }
}
