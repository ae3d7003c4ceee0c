package dev.gust.runtimes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gust's bootstraps, extracted from the jar to a directory once so interpreters can run them.
 *
 * <p>Extraction writes each file beside its final name and renames it into place, and leaves a file alone when it
 * already holds the same bytes, so processes and threads may extract to the same directory at once. Instances are
 * immutable and thread-safe.
 */
public final class Bootstraps {

    /** A runtime family with a Gust bootstrap, and the bootstrap's path under the extraction directory. */
    public enum Family {
        /**
         * {@code python3.x}: run it as {@code python3 <bootstrap>}; it runs {@code endpoint_variables.py}, beside it,
         * only when a function imports botocore.
         */
        PYTHON("python/bootstrap.py", "python/endpoint_variables.py"),
        /**
         * {@code nodejs*}: run it as {@code node <bootstrap>}; it registers {@code layer-resolution.mjs}, beside it,
         * before it imports an ES module handler.
         */
        NODEJS("nodejs/bootstrap.mjs", "nodejs/layer-resolution.mjs"),
        /** {@code ruby3.x}: run it as {@code ruby <bootstrap>}. */
        RUBY("ruby/bootstrap.rb");

        private final String relativePath;
        private final List<String> companions;

        Family(String relativePath, String... companions) {
            this.relativePath = relativePath;
            this.companions = List.of(companions);
        }

        /** The files the bootstrap reads beside it, relative to the extraction directory. */
        public List<String> companions() {
            return companions;
        }

        /** The bootstrap's path relative to the extraction directory, for example {@code python/bootstrap.py}. */
        public String relativePath() {
            return relativePath;
        }
    }

    private final Map<Family, Path> paths;

    private Bootstraps(Map<Family, Path> paths) {
        this.paths = paths;
    }

    /**
     * Extracts every bootstrap under the directory (created if missing) and returns where they are.
     *
     * @throws UncheckedIOException if a bootstrap cannot be written
     */
    public static Bootstraps extractTo(Path directory) {
        Objects.requireNonNull(directory, "directory");
        Map<Family, Path> paths = new EnumMap<>(Family.class);
        try {
            for (Family family : Family.values()) {
                paths.put(family, extract(family.relativePath, directory));
                for (String companion : family.companions) {
                    extract(companion, directory);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract Gust's bootstraps to " + directory, e);
        }
        return new Bootstraps(paths);
    }

    /** The extracted bootstrap of a runtime family. */
    public Path path(Family family) {
        return paths.get(family);
    }

    private static Path extract(String relativePath, Path directory) throws IOException {
        byte[] content = resource(relativePath);
        Path target = directory.resolve(relativePath);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".bootstrap-", ".tmp");
        try {
            Files.write(temporary, content);
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                // Instances may run as another user than the server: the bootstrap must be world-readable.
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return target;
    }

    private static byte[] resource(String relativePath) throws IOException {
        try (InputStream in = Bootstraps.class.getResourceAsStream(relativePath)) {
            if (in == null) {
                throw new IOException("missing resource dev/gust/runtimes/" + relativePath);
            }
            return in.readAllBytes();
        }
    }
}
