package dev.gust.runtimes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapsTest {

    @TempDir
    Path directory;

    @Test
    void extractsEachBootstrapIntoItsOwnFolder() throws Exception {
        Bootstraps bootstraps = Bootstraps.extractTo(directory.resolve("runtimes"));

        assertThat(bootstraps.path(Bootstraps.Family.PYTHON))
                .isEqualTo(directory.resolve("runtimes/python/bootstrap.py"));
        assertThat(bootstraps.path(Bootstraps.Family.NODEJS))
                .isEqualTo(directory.resolve("runtimes/nodejs/bootstrap.mjs"));
        for (Bootstraps.Family family : Bootstraps.Family.values()) {
            try (InputStream resource = Bootstraps.class.getResourceAsStream(family.relativePath())) {
                assertThat(resource).isNotNull();
                assertThat(Files.readAllBytes(bootstraps.path(family))).isEqualTo(resource.readAllBytes());
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bootstraps.path(family))))
                    .isEqualTo("rw-r--r--");
            for (String companion : family.companions()) {
                try (InputStream resource = Bootstraps.class.getResourceAsStream(companion)) {
                    assertThat(Files.readAllBytes(directory.resolve("runtimes").resolve(companion)))
                            .isEqualTo(resource.readAllBytes());
                }
            }
        }
        assertThat(directory.resolve("runtimes/python/endpoint_variables.py")).isRegularFile();
    }

    @Test
    void leavesAnUpToDateBootstrapAloneAndReplacesAStaleOne() throws Exception {
        Path python = Bootstraps.extractTo(directory).path(Bootstraps.Family.PYTHON);
        Path nodejs = Bootstraps.extractTo(directory).path(Bootstraps.Family.NODEJS);
        FileTime past = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(python, past);
        Files.writeString(nodejs, "stale");

        Bootstraps again = Bootstraps.extractTo(directory);

        assertThat(Files.getLastModifiedTime(again.path(Bootstraps.Family.PYTHON))).isEqualTo(past);
        assertThat(Files.readString(again.path(Bootstraps.Family.NODEJS))).startsWith("// Gust's bootstrap");
        try (var leftovers = Files.list(nodejs.getParent())) {
            assertThat(leftovers).containsExactlyInAnyOrder(nodejs, nodejs.resolveSibling("layer-resolution.mjs"));
        }
    }
}
