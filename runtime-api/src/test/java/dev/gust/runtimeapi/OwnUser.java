package dev.gust.runtimeapi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The host user running the tests. */
final class OwnUser {

    private OwnUser() {
    }

    /** The real uid of this process, from {@code /proc/self/status}. */
    static int uid() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("Uid:"))
                .map(line -> Integer.parseInt(line.split("\\s+")[1]))
                .findFirst().orElseThrow();
    }
}
