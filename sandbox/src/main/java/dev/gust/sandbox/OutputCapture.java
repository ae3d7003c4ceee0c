package dev.gust.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The first bytes of a child process's output stream, read on a virtual thread so that waiting for the process
 * (with a timeout) never waits for its output; thread-safe.
 *
 * <p>Keeps at most {@code limit} bytes and drains the rest, so a child that prints forever neither fills memory
 * nor blocks on a full pipe.
 */
final class OutputCapture {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final int limit;

    private OutputCapture(int limit) {
        this.limit = limit;
    }

    /** Starts reading {@code stream} until its end; closes it then. */
    static OutputCapture of(InputStream stream, int limit) {
        OutputCapture capture = new OutputCapture(limit);
        Thread.ofVirtual().name("gust-output-capture").start(() -> capture.read(stream));
        return capture;
    }

    private void read(InputStream stream) {
        byte[] buffer = new byte[4096];
        try (stream) {
            for (int n; (n = stream.read(buffer)) >= 0; ) {
                synchronized (kept) {
                    kept.write(buffer, 0, Math.max(0, Math.min(n, limit - kept.size())));
                }
            }
        } catch (IOException e) {
            // the stream was closed under the reader (the process was destroyed): keep what was read
        } finally {
            ended.countDown();
        }
    }

    /**
     * The text read so far, after waiting up to {@code wait} for the end of the stream (a grandchild that keeps
     * the stream open must not hold up the caller).
     */
    String text(Duration wait) {
        try {
            ended.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (kept) {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
