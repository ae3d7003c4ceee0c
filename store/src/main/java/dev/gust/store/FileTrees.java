package dev.gust.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Operations on whole directory trees of unpacked packages: sealing (read-only and fsynced), deleting
 * (read-only included), measuring. Symbolic links are never followed. Stateless; I/O failures become
 * {@link StoreException}.
 */
final class FileTrees {

    static final Set<PosixFilePermission> READ_ONLY_DIRECTORY = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final Set<PosixFilePermission> WRITABLE_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private FileTrees() {
    }

    /** Flushes a file's or directory's data and metadata to stable storage. */
    static void fsync(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            channel.force(true);
        } catch (IOException e) {
            throw new StoreException("Cannot fsync " + path, e);
        }
    }

    /**
     * Makes every directory below {@code root} read-only, then fsyncs every file and directory including
     * {@code root}, children before parents. {@code root} stays writable so that it can still be renamed into
     * another directory (Linux needs write permission on a directory to move it to a new parent). The fsyncs
     * come after all writes because a burst of fsyncs on already-written files costs far less than one
     * interleaved with each write.
     */
    static void seal(Path root) {
        walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    fsync(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(root)) {
                    Files.setPosixFilePermissions(dir, READ_ONLY_DIRECTORY);
                }
                fsync(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Makes every directory below {@code root} read-only, without syncing anything; {@code root} stays writable so
     * that it can still be moved (see {@link #seal}).
     */
    static void readOnlyDirectories(Path root) {
        walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (!dir.equals(root)) {
                    Files.setPosixFilePermissions(dir, READ_ONLY_DIRECTORY);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code root} and everything below it, whatever the permissions; nothing if it does not exist. */
    static void delete(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                makeWritable(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Lets the owner add and remove entries of {@code dir}, so that it can be emptied or moved. */
    static void makeWritable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, WRITABLE_DIRECTORY);
    }

    /** The sum of the sizes of the regular files below {@code root}. */
    static long regularFileBytes(Path root) {
        AtomicLong total = new AtomicLong();
        walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total.addAndGet(attrs.size());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total.get();
    }

    private static void walk(Path root, SimpleFileVisitor<Path> visitor) {
        try {
            Files.walkFileTree(root, visitor);
        } catch (IOException e) {
            throw new StoreException("Cannot walk " + root, e);
        }
    }
}
