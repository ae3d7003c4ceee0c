package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.LambdaException;
import dev.gust.core.Runtimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection against the real interpreters of this machine (CI installs python3, nodejs and ruby). */
class RuntimeCatalogTest {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

    @TempDir
    Path home;

    /** No version manager and no versioned executable: every id on its family's default interpreter. */
    private RuntimeCatalog defaultsOnly() {
        return RuntimeCatalog.detect(new RuntimeCatalog.Settings("/usr/bin/python3", "/usr/bin/node", "ruby", JAVA_HOME,
                Map.of(), new InterpreterDiscovery(home, home)));
    }

    @Test
    void resolvesEachIdToARealExecutable() {
        RuntimeCatalog catalog = defaultsOnly();
        Interpreter python = catalog.interpreter("python3.12").orElseThrow();
        assertThat(python.executable()).isAbsolute().doesNotHaveToString("/usr/bin/python3");
        assertThat(python.version()).startsWith("3.");
        assertThat(catalog.interpreter("nodejs22.x").orElseThrow().version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(catalog.interpreter("java21").orElseThrow().version()).startsWith("25");
        assertThat(catalog.interpreter("ruby3.4").orElseThrow().version()).startsWith("3.");
    }

    @Test
    void listsEveryCreatableIdWithWhatRunsIt() {
        Map<String, String> described = defaultsOnly().describe();

        assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(Runtimes.creatable());
        assertThat(described).doesNotContainKeys("java11", "java17", "python3.8", "nodejs16.x");
        assertThat(described.get("provided.al2023")).isEqualTo("the bootstrap executable in the function's package");
        assertThat(described.get("dotnet8")).startsWith("unavailable: ");
        assertThat(described.get("java21")).endsWith(", not Java 21");
        assertThat(described.get("java25")).doesNotContain(", not ");
    }

    @Test
    void anotherMinorVersionRunsAndSaysSo() {
        RuntimeCatalog catalog = defaultsOnly();
        Interpreter python = catalog.interpreter("python3.14").orElseThrow();

        assertThatCode(() -> catalog.requireAvailable("python3.14")).doesNotThrowAnyException();
        assertThat(catalog.substitution("python3.14")).hasValue("python3.14 runs on Python " + python.version() + " ("
                + python.executable() + "): no Python 3.14 found on this host");
        assertThat(catalog.substitution("java25")).isEmpty();
        assertThatCode(() -> catalog.requireAvailable("provided.al2023")).doesNotThrowAnyException();
    }

    @Test
    void discoversAnInterpreterOfTheExactVersion() throws IOException {
        Path fake = home.resolve(".pyenv/versions/3.13.4/bin/python3.13");
        Files.createDirectories(fake.getParent());
        Files.writeString(fake, "#!/bin/sh\necho " + fake + "\necho 3.13.4\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));

        RuntimeCatalog catalog = defaultsOnly();

        assertThat(catalog.interpreter("python3.13").orElseThrow())
                .isEqualTo(new Interpreter(fake, home.resolve(".pyenv/versions/3.13.4"), "3.13.4"));
        assertThat(catalog.substitution("python3.13")).isEmpty();
        assertThat(catalog.interpreter("python3.12").orElseThrow().executable()).isNotEqualTo(fake);
    }

    @Test
    void aConfiguredInterpreterWinsOverDiscovery() throws IOException {
        RuntimeCatalog catalog = RuntimeCatalog.detect(new RuntimeCatalog.Settings("/usr/bin/python3", "/usr/bin/node",
                "ruby", JAVA_HOME, Map.of("java21", JAVA_HOME.toString()), new InterpreterDiscovery(home, home)));

        assertThat(catalog.interpreter("java21").orElseThrow().home()).isEqualTo(JAVA_HOME.toRealPath());
    }

    @Test
    void refusesFamiliesItCannotRun() {
        RuntimeCatalog catalog = defaultsOnly();
        assertThatThrownBy(() -> catalog.requireAvailable("dotnet8")).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.errorType()).isEqualTo("InvalidParameterValueException"));
        RuntimeCatalog noPython = RuntimeCatalog.detect(new RuntimeCatalog.Settings("/nonexistent/python3",
                "/usr/bin/node", "ruby", JAVA_HOME, Map.of(), new InterpreterDiscovery(home, home)));
        assertThatThrownBy(() -> noPython.requireAvailable("python3.12"))
                .hasMessageContaining("no interpreter found ('/nonexistent/python3')");
    }
}
