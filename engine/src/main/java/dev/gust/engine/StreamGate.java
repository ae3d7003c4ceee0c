package dev.gust.engine;

import dev.gust.core.invoke.ResponseStream;
import dev.gust.runtimeapi.ResponseSink;

/**
 * The way from one invocation's Runtime API endpoint to its caller's {@link ResponseStream}, closed when the invocation
 * ends: a stream ended by a timeout or the runtime's exit gets no byte after its end, however late the runtime's last
 * chunks arrive.
 *
 * <p>Thread-safe: the endpoint's event loop writes, the invocation's end (a timer, the process watcher) closes; a
 * write and the close exclude each other, so every byte the caller gets comes before the stage completes.
 */
final class StreamGate implements ResponseSink {

    private final ResponseStream stream;
    private final String executedVersion;
    private boolean closed;

    StreamGate(ResponseStream stream, String executedVersion) {
        this.stream = stream;
        this.executedVersion = executedVersion;
    }

    @Override
    public synchronized void begin(String contentType) {
        if (!closed) {
            stream.start(contentType, executedVersion);
        }
    }

    @Override
    public synchronized void chunk(byte[] bytes) {
        if (!closed) {
            stream.chunk(bytes);
        }
    }

    /** Writable once closed, so that a runtime still writing is never paused for a caller that takes nothing more. */
    @Override
    public synchronized boolean writable() {
        return closed || stream.writable();
    }

    @Override
    public void onWritable(Runnable resume) {
        stream.onWritable(resume);
    }

    /** Lets nothing more through; called before the invocation's stage completes. */
    synchronized void close() {
        closed = true;
    }
}
