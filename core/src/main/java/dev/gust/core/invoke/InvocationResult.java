package dev.gust.core.invoke;

/**
 * What a synchronous invocation returns to the Invoke API.
 *
 * @param payload the function's response, or the error payload
 * @param functionError {@code "Unhandled"} when the function failed (the {@code X-Amz-Function-Error} header),
 *     else {@code null}
 * @param executedVersion the version that ran ({@code X-Amz-Executed-Version})
 * @param logTail the last 4 KB of the invocation's log when the caller asked for it, else {@code null}
 */
public record InvocationResult(byte[] payload, String functionError, String executedVersion, String logTail) {
}
