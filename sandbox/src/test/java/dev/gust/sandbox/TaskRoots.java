package dev.gust.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Writes function code into a directory readable by the sandbox user, as the code store does; stateless. */
final class TaskRoots {

    /** The interpreter every sandbox test uses. */
    static final String PYTHON = "/usr/bin/python3";

    private TaskRoots() {
    }

    /** Deletes a directory written by {@link #write}. */
    static void delete(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(dir);
    }

    /** Creates {@code dir} (mode 0755) with the given files (mode 0644). */
    static Path write(Path dir, Map<String, String> files) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.writeString(path, file.getValue());
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
