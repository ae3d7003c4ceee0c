package dev.gust.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases of numbers (sandbox uids, network slots) shared by every Gust server of a host: one lock file per number in
 * one directory, locked ({@code fcntl}) while the number is leased. The kernel releases a process's locks when it dies, so a server killed
 * with {@code kill -9} leaves no lease behind. Not thread-safe: {@link SandboxUsers} serialises calls.
 *
 * <p>Lock files are never deleted: a process that unlinked one could lock a fresh file of the same name while
 * another still held the old one, and both would think they had the uid. A file this JVM holds is never opened a
 * second time: closing any descriptor of a file drops every {@code fcntl} lock the process has on it.
 */
final class UidLeases {

    /** Lock files held by this JVM, whichever instance holds them. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final Map<Integer, FileChannel> held = new HashMap<>();
    private boolean created;

    UidLeases(Path directory) {
        this.directory = directory;
    }

    /**
     * The directory of the host's leases of one kind: {@code /run/gust/<kind>} as root, else below the temp dir.
     * Only servers that agree on it are coordinated; every root server does.
     */
    static Path hostDirectory(String kind) {
        Path run = Path.of("/run");
        if (Files.isWritable(run)) {
            return run.resolve("gust").resolve(kind);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "gust-" + System.getProperty("user.name"), kind);
    }

    /** Locks {@code uid}'s file; false when another server (or another range of this JVM) holds it. */
    boolean tryLease(int uid) {
        Optional<FileChannel> channel = tryLock(uid);
        channel.ifPresent(open -> held.put(uid, open));
        return channel.isPresent();
    }

    /** Unlocks {@code uid}'s file; nothing happens if this process did not lease it. */
    void release(int uid) {
        FileChannel channel = held.remove(uid);
        if (channel != null) {
            closeQuietly(channel);
            HELD_HERE.remove(file(uid));
        }
    }

    /**
     * Runs {@code action} while holding {@code uid}'s lock, if no one leases it: the sweep of what a dead server left.
     *
     * @return whether the uid was free and the action ran
     */
    boolean whileFree(int uid, Runnable action) {
        if (held.containsKey(uid)) {
            return false;
        }
        Optional<FileChannel> channel = tryLock(uid);
        if (channel.isEmpty()) {
            return false;
        }
        try {
            action.run();
            return true;
        } finally {
            closeQuietly(channel.get());
            HELD_HERE.remove(file(uid));
        }
    }

    private Path file(int uid) {
        return directory.resolve(Integer.toString(uid));
    }

    private Optional<FileChannel> tryLock(int uid) {
        Path file = file(uid);
        if (!HELD_HERE.add(file)) {
            return Optional.empty(); // another SandboxUsers of this JVM holds it
        }
        FileChannel channel = null;
        try {
            createDirectory();
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(channel);
            }
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            HELD_HERE.remove(file);
            throw new IllegalStateException("cannot lease " + uid + " in " + directory + ": " + e, e);
        }
        closeQuietly(channel);
        HELD_HERE.remove(file);
        return Optional.empty();
    }

    private void createDirectory() throws IOException {
        if (!created) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            created = true;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close(); // releases the lock
        } catch (IOException e) {
            // the lock goes with the descriptor either way
        }
    }
}
