package dev.gust.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The data dir's access rules: only the server's own user may read it. Folders are {@code 0700} and files
 * {@code 0600}, created so from the start (explicit modes at creation, never the umask) and corrected on a data dir
 * an older server left with wider modes.
 *
 * <p>Two trees inside keep their own modes: the packages in {@value #CODE} (read-only, {@code 0555}/{@code 0444},
 * below a {@code 0700} {@value #CODE}) and {@value #RUNTIME} (Gust's bootstraps, no secrets). In root mode each instance runs as another host uid, and these trees
 * are bind-mounted into its sandbox ({@code /var/task}, {@code /opt}, {@code /var/runtime}); the mounts are made by
 * bubblewrap as root, and the instance's access checks start at the mount, so the {@code 0700} folders above them
 * never stand in its way while nothing else on the host can get in. Stateless.
 */
public final class PrivateDataDir {

    /** The mode of every folder Gust creates in the data dir (outside the code packages and bootstraps). */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    /** The mode of every file Gust creates in the data dir (outside the code packages and bootstraps). */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    static final String CODE = "code";
    static final String RUNTIME = "runtime";
    /** Trees created at startup and whose modes are corrected throughout. */
    private static final List<String> PRIVATE_TREES = List.of("logs", "keys");
    /** Gust's other entries in the data dir, whose own modes are corrected; anything else there is left alone. */
    private static final List<String> PRIVATE_ENTRIES = List.of(SqliteFunctionStore.FILE_NAME,
            SqliteFunctionStore.FILE_NAME + "-wal", SqliteFunctionStore.FILE_NAME + "-shm",
            SqliteFunctionStore.FILE_NAME + "-journal", "gust.lock", "credentials", "credentials.tmp", CODE);

    private PrivateDataDir() {
    }

    /**
     * Creates {@code dataDir} ({@code 0700}) if needed, corrects the modes of Gust's entries in it, and creates the
     * database file ({@code 0600}) if it is missing, so that SQLite, which gives its WAL and shared-memory files the
     * database file's mode, creates them private too.
     *
     * <p>The data dir's own mode is narrowed only when it is Gust's: new, empty, or holding {@code gust.db} or
     * {@code gust.lock}. A folder of other things (a data dir pointed at {@code /tmp} or a home folder by mistake)
     * keeps its mode, and nothing in it but Gust's own entries is touched.
     */
    public static void prepare(Path dataDir) {
        try {
            createFolder(dataDir);
            if (isGusts(dataDir)) {
                Files.setPosixFilePermissions(dataDir, FOLDER);
            }
            for (String name : PRIVATE_ENTRIES) {
                Path entry = dataDir.resolve(name);
                if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
                    restrict(entry);
                }
            }
            for (String name : PRIVATE_TREES) {
                Path tree = dataDir.resolve(name);
                if (Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
                    restrictTree(tree);
                }
            }
            for (String tree : PRIVATE_TREES) {
                createFolder(dataDir.resolve(tree));
            }
            createFile(dataDir.resolve(SqliteFunctionStore.FILE_NAME));
        } catch (IOException e) {
            throw new StoreException("Cannot make the data dir " + dataDir + " private", e);
        }
    }

    private static boolean isGusts(Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve(SqliteFunctionStore.FILE_NAME)) || Files.exists(dataDir.resolve("gust.lock"))) {
            return true;
        }
        try (var entries = Files.list(dataDir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Creates {@code dir} and its missing parents; the ones created here are {@code 0700}. */
    public static void createFolder(Path dir) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createFolder(parent);
        }
        try {
            Files.createDirectory(dir, attribute(FOLDER));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Creates {@code file} empty with mode {@code 0600} unless it exists. */
    public static void createFile(Path file) throws IOException {
        try {
            Files.createFile(file, attribute(FILE));
        } catch (FileAlreadyExistsException e) {
            // kept as it is; prepare() corrected its mode
        }
    }

    /** The creation attribute of {@code mode}, which the umask may only narrow. */
    public static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    private static void restrict(Path entry) throws IOException {
        if (Files.isSymbolicLink(entry)) {
            return;
        }
        Files.setPosixFilePermissions(entry, Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) ? FOLDER : FILE);
    }

    private static void restrictTree(Path tree) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            restrict(tree);
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Files.setPosixFilePermissions(dir, FOLDER);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.setPosixFilePermissions(file, FILE);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
