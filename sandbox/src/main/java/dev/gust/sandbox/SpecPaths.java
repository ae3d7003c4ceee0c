package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks that the host paths of a {@link SandboxSpec} exist before anything is created; stateless. */
final class SpecPaths {

    private SpecPaths() {
    }

    /** Throws {@link NoSuchFileException} naming the first missing directory or path. */
    static void requireExisting(SandboxSpec spec) throws IOException {
        requireDirectory(spec.taskRoot());
        if (spec.runtimeDir() != null) {
            requireDirectory(spec.runtimeDir());
        }
        if (spec.optDir() != null) {
            requireDirectory(spec.optDir());
        }
        for (Path path : spec.readOnlyHostPaths()) {
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString(), null, "read-only host path does not exist");
            }
        }
    }

    private static void requireDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory");
        }
    }
}
