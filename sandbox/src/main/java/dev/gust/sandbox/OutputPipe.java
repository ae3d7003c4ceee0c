package dev.gust.sandbox;

import java.io.File;
import java.io.IOException;

/**
 * The pipe an instance's stdout and stderr are written into, and its read end, from which Gust copies the output
 * to an {@link OutputSink}. The read end is non-blocking: {@link #drain} takes what is there and returns, so no
 * thread ever waits on one instance's output ({@link OutputReader} waits for all of them with one epoll). Thread-safe.
 *
 * <p>Lifecycle: {@link #open}, hand {@link #writeEnd()} to the process being started, {@link #closeWriteEnd()} once
 * it started (the process holds its own copy), {@link #close()} when the process is gone.
 */
final class OutputPipe implements AutoCloseable {

    /** Bytes per read: the size of a pipe. */
    private static final int CHUNK = 64 * 1024;
    /** Per-thread read buffers: the reader thread and the threads that drain at the end of an invocation. */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[CHUNK]);

    private final int readFd;
    private final OutputSink sink;
    private int writeFd;
    private boolean closed;

    private OutputPipe(int readFd, int writeFd, OutputSink sink) {
        this.readFd = readFd;
        this.writeFd = writeFd;
        this.sink = sink;
    }

    static OutputPipe open(OutputSink sink) throws IOException {
        // The default size (64 KiB) on purpose: larger pipes count against the user's pipe-user-pages-soft (64 MiB),
        // past which the kernel gives every new pipe of that user one page.
        int[] fds = NativeIo.pipe();
        return new OutputPipe(fds[0], fds[1], sink);
    }

    int readFd() {
        return readFd;
    }

    /**
     * The write end as a path the JVM can open for a child's redirect ({@code /proc/self/fd/N}): opening it gives a
     * new descriptor of the same pipe, which the child inherits as its stdout.
     */
    synchronized File writeEnd() {
        return new File("/proc/self/fd/" + writeFd);
    }

    /** Closes Gust's own write end; the pipe then ends when the last process holding it exits. */
    synchronized void closeWriteEnd() {
        if (writeFd >= 0) {
            NativeIo.close(writeFd);
            writeFd = -1;
        }
    }

    /**
     * Copies what the pipe holds now to the sink, at most {@code maxChunks} reads of 64 KiB, without blocking.
     *
     * @return {@code false} once the pipe has ended (every writer exited) or was closed
     */
    synchronized boolean drain(int maxChunks) {
        if (closed) {
            return false;
        }
        byte[] buffer = BUFFERS.get();
        for (int i = 0; i < maxChunks; i++) {
            long read = NativeIo.read(readFd, buffer, buffer.length);
            if (read == 0) {
                return false;
            }
            if (read < 0) {
                return true; // nothing more for now
            }
            sink.write(buffer, 0, (int) read);
        }
        return true;
    }

    /** Stops reading: removes the pipe from the reader and closes both ends; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OutputReader.shared().remove(this);
        NativeIo.close(readFd);
        closeWriteEnd();
    }
}
