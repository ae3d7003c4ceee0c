package dev.gust.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes the files of fake hosts in tests: {@code /proc} and cgroupfs entries, fake executables. */
final class FakeFiles {

    private FakeFiles() {
    }

    /** Writes {@code content} to {@code relative} below {@code root}, creating the directories. */
    static Path write(Path root, String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an executable {@code /bin/sh} script {@code name} in {@code dir}. */
    static Path script(Path dir, String name, String body) {
        Path file = write(dir, name, "#!/bin/sh\n" + body + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
