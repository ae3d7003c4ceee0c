package dev.gust.engine;

import dev.gust.core.Account;
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

    private LogStream(String name, Path file, FileChannel channel) {
        this.name = name;
        this.file = file;
        this.channel = channel;
    }

    /**
     * Creates {@code <logDir>/<account id>/<region>/<function>/<stream>.log}, with the stream's name made file-safe:
     * a log group ({@code /aws/lambda/<function>}) is per account and region, as on AWS.
     */
    static LogStream create(Path logDir, Account account, String functionName, String streamName) {
        try {
            Path dir = logDir.resolve(account.accountId()).resolve(account.region()).resolve(functionName);
            PrivateDataDir.createFolder(dir); // 0700, and the file 0600: logs are the data dir's (storage.md)
            Path file = dir.resolve(streamName.replace('/', '-').replace('[', '_').replace(']', '_') + ".log");
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND), PrivateDataDir.attribute(PrivateDataDir.FILE));
            return new LogStream(streamName, file, channel);
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
