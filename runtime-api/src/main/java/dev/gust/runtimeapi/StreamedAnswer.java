package dev.gust.runtimeapi;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The body of one streamed answer ({@code POST .../response} with {@code Lambda-Runtime-Function-Response-Mode:
 * streaming}, chunked), read as it arrives: forwarded to the invocation's {@link ResponseSink} when its caller streams,
 * collected up to {@link RuntimeApiEndpoint#MAX_PAYLOAD_BYTES} otherwise.
 *
 * <p>Back-pressure: while the sink is not writable the runtime's request is paused, so the runtime's writes block; the
 * sink's resume is handed back to the endpoint's event loop. Forwarded bytes are counted against the stream's limit:
 * past it nothing more is forwarded and {@link #overLimit()} turns true (once). Confined to the endpoint's event loop,
 * except the sink's resume.
 */
final class StreamedAnswer {

    private final HttpServerRequest request;
    private final ResponseSink sink;
    private final long limit;
    private final CappedBody collected;
    private final Runnable resume;
    private final Runnable onOverLimit;
    private long size;
    private boolean overLimit;

    /**
     * @param sink where the bytes go, or {@code null} to collect them
     * @param limit the most bytes forwarded to the sink
     * @param onOverLimit called once, when the body passes {@code limit}
     */
    StreamedAnswer(HttpServerRequest request, Context context, ResponseSink sink, long limit, Runnable onOverLimit) {
        this.request = request;
        this.sink = sink;
        this.limit = limit;
        this.collected = sink == null ? new CappedBody() : null;
        this.resume = () -> context.runOnContext(ignored -> request.resume());
        this.onOverLimit = onOverLimit;
    }

    /** Takes the next piece of the body. */
    void handle(Buffer chunk) {
        if (collected != null) {
            collected.handle(chunk);
            return;
        }
        if (overLimit || chunk.length() == 0) {
            return; // the end of a body with trailers arrives as an empty piece
        }
        size += chunk.length();
        if (size > limit) {
            overLimit = true;
            onOverLimit.run();
            return;
        }
        sink.chunk(chunk.getBytes());
        if (!sink.writable()) {
            request.pause();
            sink.onWritable(resume);
            if (sink.writable()) {
                resume.run(); // it drained before its handler was set: nobody would call it
            }
        }
    }

    /** Whether the forwarded body passed the stream's limit. */
    boolean overLimit() {
        return overLimit;
    }

    /** Whether the body is being forwarded to a sink rather than collected. */
    boolean forwarded() {
        return sink != null;
    }

    /** Whether the collected body passed {@link RuntimeApiEndpoint#MAX_PAYLOAD_BYTES}. */
    boolean tooLargeToCollect() {
        return collected != null && collected.tooLarge();
    }

    /** The collected body; empty when it was forwarded. */
    byte[] bytes() {
        return collected == null ? new byte[0] : collected.bytes();
    }
}
