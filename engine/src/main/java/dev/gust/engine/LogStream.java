package dev.gust.engine;

import dev.gust.core.Account;
import dev.gust.sandbox.OutputSink;
import dev.gust.store.PrivateDataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * One CloudWatch-style log stream: the file that Gust appends an instance's stdout and stderr to, and its START,
 * END and REPORT lines.
 *
 * <p>Only Gust writes the file: the function writes into a pipe that Gust reads ({@link #functionOutput()}), so it
 * can append and nothing else (no truncating, rewriting or preallocating). Before the platform writes a line that
 * must follow the function's output (END), the engine drains the pipe, so the log of one invocation is the byte
 * range between its START and its REPORT. The function's output is bounded by a quota per stream: past it, the
 * output is dropped and one line says so. Thread-safe: every write holds the channel's lock.
 */
final class LogStream implements AutoCloseable {

    private final String name;
    private final Path file;
    private final FileChannel channel;
    private final long quotaBytes;
    /** The function's bytes written so far; guarded by {@code channel}. */
    private long functionBytes;
    private boolean quotaReached;
    /** Whether the last byte written was a line break (or nothing was written yet); guarded by {@code channel}. */
    private boolean atLineStart = true;

    private LogStream(String name, Path file, FileChannel channel, long quotaBytes) {
        this.name = name;
        this.file = file;
        this.channel = channel;
        this.quotaBytes = quotaBytes;
    }

    /**
     * Creates {@code <logDir>/<account id>/<region>/<function>/<stream>.log}, with the stream's name made file-safe:
     * a log group ({@code /aws/lambda/<function>}) is per account and region, as on AWS.
     */
    static LogStream create(Path logDir, Account account, String functionName, String streamName) {
        return create(logDir, account, functionName, streamName, Long.MAX_VALUE);
    }

    /**
     * Creates the stream like {@link #create(Path, Account, String, String)}, keeping at most {@code quotaBytes} of
     * the function's own output (platform lines do not count).
     */
    static LogStream create(Path logDir, Account account, String functionName, String streamName, long quotaBytes) {
        try {
            Path dir = logDir.resolve(account.accountId()).resolve(account.region()).resolve(functionName);
            PrivateDataDir.createFolder(dir); // 0700, and the file 0600: logs are the data dir's (storage.md)
            Path file = dir.resolve(streamName.replace('/', '-').replace('[', '_').replace(']', '_') + ".log");
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), PrivateDataDir.attribute(PrivateDataDir.FILE));
            return new LogStream(streamName, file, channel, quotaBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stream's name as Lambda reports it, e.g. {@code 2024/01/31/[$LATEST]0123...}. */
    String name() {
        return name;
    }

    /**
     * Where the function's stdout and stderr go: appended as they come, up to the quota; the part past it is
     * dropped, and one line notes the cut.
     */
    OutputSink functionOutput() {
        return this::appendOutput;
    }

    private void appendOutput(byte[] bytes, int offset, int length) {
        synchronized (channel) {
            if (quotaReached) {
                return;
            }
            long kept = Math.min(length, quotaBytes - functionBytes);
            functionBytes += kept;
            write(ByteBuffer.wrap(bytes, offset, (int) kept));
            if (kept < length) {
                quotaReached = true;
                write(ByteBuffer.wrap(("\n" + quotaLine(quotaBytes)).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    /** The line written once when a stream's quota is reached. */
    static String quotaLine(long quotaBytes) {
        return "Gust: this log stream reached its log-quota of " + quotaBytes
                + " bytes of function output; further output of this instance is dropped\n";
    }

    /** The file the log is written to. */
    Path file() {
        return file;
    }

    /**
     * Appends platform lines with one write, best effort: a log that cannot be written (disk full) must not stop
     * invocations from running or ending, so the failure is dropped here. They start a line of their own: after a
     * line break when the function's output ended without one (Java's {@code LambdaLogger.log("x")}, Python's
     * {@code print("x", end="")}), as Lambda keeps each of its log events apart. That costs nothing: the stream
     * remembers whether its last byte was a line break.
     */
    void append(String lines) {
        synchronized (channel) {
            write(ByteBuffer.wrap((atLineStart ? lines : "\n" + lines).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Writes the whole buffer, best effort; the caller holds the channel's lock. */
    private void write(ByteBuffer buffer) {
        if (buffer.hasRemaining()) {
            atLineStart = buffer.get(buffer.limit() - 1) == '\n';
        }
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            // nothing more useful to do with a line that cannot be written (disk full, stream closed)
        }
    }

    /** The file's size: where the next appended line will start. */
    long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code maxBytes} of the range {@code [from, size)}, decoded as UTF-8. */
    String tail(long from, int maxBytes) {
        try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = reader.size();
            long start = Math.max(from, end - maxBytes);
            ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
            reader.read(buffer, start);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
