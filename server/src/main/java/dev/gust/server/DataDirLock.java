package dev.gust.server;

import dev.gust.store.PrivateDataDir;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <data-dir>/gust.lock}, held for the server's lifetime, so that two servers never
 * share a data dir. The kernel releases it when the process dies, even by {@code kill -9}.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @throws IllegalStateException with a message for the user when another server holds it
     */
    static DataDirLock acquire(Path dataDir) throws IOException {
        Path file = dataDir.resolve("gust.lock");
        PrivateDataDir.createFile(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new IllegalStateException("Another Gust server is already running on data dir " + dataDir
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + ". Stop it first, or start this one with a different --data-dir.");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
