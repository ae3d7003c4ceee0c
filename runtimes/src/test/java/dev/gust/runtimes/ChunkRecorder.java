package dev.gust.runtimes;

import dev.gust.runtimeapi.ResponseSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A {@link ResponseSink} that records the bytes it is given and when the first arrived. Thread-safe. */
final class ChunkRecorder implements ResponseSink {

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private volatile String contentType;
    private volatile long firstChunkNanos;

    @Override
    public void begin(String type) {
        contentType = type;
    }

    @Override
    public synchronized void chunk(byte[] bytes) {
        if (received.size() == 0) {
            firstChunkNanos = System.nanoTime();
        }
        received.writeBytes(bytes);
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public void onWritable(Runnable resume) {
        resume.run();
    }

    String contentType() {
        return contentType;
    }

    long firstChunkNanos() {
        return firstChunkNanos;
    }

    synchronized String text() {
        return received.toString(StandardCharsets.UTF_8);
    }
}
