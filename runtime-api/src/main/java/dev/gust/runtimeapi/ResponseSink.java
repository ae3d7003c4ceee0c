package dev.gust.runtimeapi;

/**
 * Where the endpoint puts the response of an invocation whose caller streams it ({@code InvokeWithResponseStream}, a
 * {@code RESPONSE_STREAM} function URL): the runtime's bytes, as they arrive.
 *
 * <p>The endpoint calls every method on its own event loop, in order: {@link #begin} once, then {@link #chunk} for each
 * piece of the body. It reports the end of the response to its {@link InstanceListener} as for any invocation. An
 * implementation must not block.
 */
public interface ResponseSink {

    /**
     * The runtime began its response.
     *
     * @param contentType the {@code Content-Type} of the runtime's {@code POST .../response}, or
     *     {@code application/octet-stream} when it sent none
     */
    void begin(String contentType);

    /** The next bytes of the body; the array is handed over. */
    void chunk(byte[] bytes);

    /** Whether the sink takes more bytes now; while it does not, the endpoint stops reading the runtime's body. */
    boolean writable();

    /**
     * Sets what the sink calls, from any thread, once it is writable again after {@link #writable()} answered false.
     */
    void onWritable(Runnable resume);
}
