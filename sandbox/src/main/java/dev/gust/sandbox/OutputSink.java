package dev.gust.sandbox;

/**
 * Where an instance's stdout and stderr go when they are read through a pipe rather than written to a file by the
 * process itself: the function can then only append, through Gust, and cannot truncate, rewrite or preallocate its
 * log. Calls for one process never overlap (they come from the shared output reader or from
 * {@link SandboxedProcess#drainOutput()}); an implementation must not block.
 */
@FunctionalInterface
public interface OutputSink {

    /** Takes {@code length} bytes of output from {@code bytes}, starting at {@code offset}; the array is reused after. */
    void write(byte[] bytes, int offset, int length);
}
