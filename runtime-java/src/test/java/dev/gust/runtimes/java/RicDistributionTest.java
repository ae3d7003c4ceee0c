package dev.gust.runtimes.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RicDistributionTest {

    private final RicDistribution distribution = RicDistribution.onClasspath();

    @Test
    void findsTheClientAndItsRuntimeDependenciesOnTheClasspathInLexicalOrder() {
        List<String> names = distribution.jars().stream().map(jar -> jar.getFileName().toString()).toList();

        assertThat(names).anyMatch(name -> name.startsWith("aws-lambda-java-runtime-interface-client-"))
                .anyMatch(name -> name.startsWith("aws-lambda-java-core-"))
                .anyMatch(name -> name.startsWith("aws-lambda-java-serialization-"))
                .anyMatch(name -> name.startsWith("utils-lite-"))
                .anyMatch(name -> name.startsWith("annotations-"))
                .hasSize(5)
                .isSorted();
        assertThat(distribution.jars()).allMatch(Files::isRegularFile);
    }

    @Test
    void copiesTheJarsAndTheJniLibraryIntoTheRuntimeDirectory(@TempDir Path runtime) throws IOException {
        InstalledRic installed = distribution.install(runtime);

        Path lib = runtime.resolve("java/lib");
        assertThat(installed.jars()).hasSize(5);
        for (Path jar : distribution.jars()) {
            assertThat(lib.resolve(jar.getFileName().toString())).hasSameBinaryContentAs(jar);
        }
        assertThat(installed.jniLibrary()).isEqualTo(JniPlatform.current().map(p -> "jni/" + p.libraryName()));
        installed.jniLibrary().ifPresent(library -> assertThat(lib.resolve(library)).isNotEmptyFile());
    }

    @Test
    void leavesAnIdenticalInstallationUntouched(@TempDir Path runtime) throws IOException {
        InstalledRic first = distribution.install(runtime);
        Path jar = runtime.resolve("java/lib").resolve(first.jars().getFirst());
        FileTime old = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(jar, old);

        InstalledRic second = distribution.install(runtime);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(jar)).isEqualTo(old);
    }

    @Test
    void replacesAnAlteredFileAndRemovesJarsThatAreNoLongerPartOfIt(@TempDir Path runtime) throws IOException {
        InstalledRic first = distribution.install(runtime);
        Path lib = runtime.resolve("java/lib");
        Path jar = lib.resolve(first.jars().getFirst());
        Files.writeString(jar, "tampered");
        Files.writeString(lib.resolve("aws-lambda-java-runtime-interface-client-1.0.0.jar"), "old");

        distribution.install(runtime);

        assertThat(jar).hasSameBinaryContentAs(distribution.jars().getFirst());
        assertThat(lib.resolve("aws-lambda-java-runtime-interface-client-1.0.0.jar")).doesNotExist();
        try (var files = Files.list(lib)) {
            assertThat(files.filter(file -> file.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }
}
