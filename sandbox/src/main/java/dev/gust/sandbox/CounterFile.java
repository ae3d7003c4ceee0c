package dev.gust.sandbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * A single-number cgroupfs file read once per invocation (the peak memory of the REPORT line): opened once and
 * re-read with one positional read, since cgroupfs regenerates a file's content whenever it is read from offset 0.
 * That is one system call per read instead of the open, stat, read and close of reading the file by path.
 *
 * <p>Thread-safe. Reads answer empty when the file cannot be opened or read, and after {@link #close()}.
 */
final class CounterFile implements AutoCloseable {

    private static final int MAX_BYTES = 32;

    private final Path file;
    private FileChannel channel;
    private boolean closed;

    CounterFile(Path file) {
        this.file = file;
    }

    /** The file's number; {@code max} reads as {@link Long#MAX_VALUE}. */
    synchronized OptionalLong read() {
        try {
            if (closed) {
                return OptionalLong.empty();
            }
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            }
            ByteBuffer buffer = ByteBuffer.allocate(MAX_BYTES);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return OptionalLong.of(text.equals("max") ? Long.MAX_VALUE : Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // a read-only descriptor of a virtual file: nothing was lost
            }
            channel = null;
        }
    }
}
