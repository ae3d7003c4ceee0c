package dev.gust.core.invoke;

/**
 * Where a streamed response goes while the function writes it: the seam between the engine and the callers that
 * stream ({@code InvokeWithResponseStream}, function URLs in {@code RESPONSE_STREAM} mode).
 *
 * <p>The bytes are the function's, unchanged: for an HTTP-integration response ({@code HttpResponseStream.from}) they
 * start with its JSON prelude and eight NUL bytes, which the caller that understands them (a function URL) parses.
 * The engine calls {@link #start} once when the function begins its response, then {@link #chunk} in order, from one
 * thread at a time, as the runtime's chunks arrive, then completes the stage {@link Invoker#invokeWithResponseStream}
 * returned (with an empty payload, or the error). No call follows the stage's completion. An invocation that fails
 * before the function answers (a throttle, an init error, a timeout before the first byte) completes the stage without
 * {@link #start}.
 *
 * <p>Back-pressure: while {@link #writable()} is false the engine stops reading from the function (the function's
 * writes then block), and resumes when the stream calls the handler given to {@link #onWritable}.
 */
public interface ResponseStream {

    /**
     * The function began its response: called once, before the first {@link #chunk}.
     *
     * @param contentType the content type the runtime declared ({@code application/octet-stream} by default;
     *     {@code application/vnd.awslambda.http-integration-response} for {@code HttpResponseStream.from})
     * @param executedVersion the version that runs ({@code X-Amz-Executed-Version})
     */
    default void start(String contentType, String executedVersion) {
    }

    /** The next bytes the function wrote; the array is handed over. */
    void chunk(byte[] bytes);

    /** Whether the caller can take more bytes now; when false the engine pauses the function's stream. */
    default boolean writable() {
        return true;
    }

    /** Sets what the stream calls once it is writable again after {@link #writable()} answered false. */
    default void onWritable(Runnable resume) {
    }
}
