package dev.gust.engine;

import dev.gust.core.Account;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One CloudWatch-style log stream: the file that an instance's stdout and stderr are appended to, and into which
 * the platform appends its START, END and REPORT lines.
 *
 * <p>The function's process writes to the same file with {@code O_APPEND}, so whatever it printed before posting
 * its response is in the file when the response arrives: the log of one invocation is the byte range between its
 * START and its REPORT, with no reader thread and no race. Thread-safe.
 */
final class LogStream implements AutoCloseable {

    private final String name;
    private final Path file;
    private final FileChannel channel;
    /** Reads the file's last byte (a channel that appends cannot read). */
    private final FileChannel reader;

    private LogStream(String name, Path file, FileChannel channel, FileChannel reader) {
        this.name = name;
        this.file = file;
        this.channel = channel;
        this.reader = reader;
    }

    /**
     * Creates {@code <logDir>/<account id>/<region>/<function>/<stream>.log}, with the stream's name made file-safe:
     * a log group ({@code /aws/lambda/<function>}) is per account and region, as on AWS.
     */
    static LogStream create(Path logDir, Account account, String functionName, String streamName) {
        try {
            Path dir = logDir.resolve(account.accountId()).resolve(account.region()).resolve(functionName);
            Files.createDirectories(dir);
            Path file = dir.resolve(streamName.replace('/', '-').replace('[', '_').replace(']', '_') + ".log");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            return new LogStream(streamName, file, channel, FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stream's name as Lambda reports it, e.g. {@code 2024/01/31/[$LATEST]0123...}. */
    String name() {
        return name;
    }

    /** The file the function's output goes to. */
    Path file() {
        return file;
    }

    /**
     * Appends platform lines with one write, best effort: a log that cannot be written (disk full) must not stop
     * invocations from running or ending, so the failure is dropped here.
     */
    void append(String lines) {
        ByteBuffer buffer = ByteBuffer.wrap(lines.getBytes(StandardCharsets.UTF_8));
        try {
            synchronized (channel) {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            // nothing more useful to do with a platform line that cannot be written
        }
    }

    /**
     * Appends platform lines so that they start a line of their own: after a line break when the function's output
     * ended without one (Java's {@code LambdaLogger.log("x")}, Python's {@code print("x", end="")}), as Lambda keeps
     * each of its log events apart. Costs one one-byte read.
     */
    void appendOnOwnLine(String lines) {
        append(endsWithLineBreak() ? lines : "\n" + lines);
    }

    private boolean endsWithLineBreak() {
        try {
            long size = reader.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            return reader.read(last, size - 1) != 1 || last.get(0) == '\n';
        } catch (IOException e) {
            return true; // as append: a log that cannot be read gets its platform lines as they are
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
        try (reader) {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
