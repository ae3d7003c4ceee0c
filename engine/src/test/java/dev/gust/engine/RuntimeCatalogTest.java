package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.LambdaException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Detection against the real interpreters of this machine (CI installs python3 and nodejs). */
class RuntimeCatalogTest {

    private final RuntimeCatalog catalog = RuntimeCatalog.detect("/usr/bin/python3", "/usr/bin/node",
            Path.of(System.getProperty("java.home")));

    @Test
    void resolvesEachFamilyToARealExecutable() {
        Interpreter python = catalog.interpreter(RuntimeFamily.PYTHON).orElseThrow();
        assertThat(python.executable()).isAbsolute().doesNotHaveToString("/usr/bin/python3");
        assertThat(python.version()).startsWith("3.");
        assertThat(catalog.interpreter(RuntimeFamily.NODEJS).orElseThrow().version()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(catalog.interpreter(RuntimeFamily.JAVA).orElseThrow().version()).startsWith("25");
        assertThat(catalog.describe()).containsKeys("python3.x", "nodejs*", "java21, java25");
    }

    @Test
    void servesOtherMinorVersionsOfAFamilyOnTheHostInterpreter() {
        assertThatCode(() -> catalog.requireAvailable("python3.14")).doesNotThrowAnyException();
        assertThatCode(() -> catalog.requireAvailable("nodejs24.x")).doesNotThrowAnyException();
        assertThatCode(() -> catalog.requireAvailable("java21")).doesNotThrowAnyException();
        assertThatCode(() -> catalog.requireAvailable("provided.al2023")).doesNotThrowAnyException();
    }

    @Test
    void refusesFamiliesItCannotRun() {
        assertThatThrownBy(() -> catalog.requireAvailable("ruby3.3")).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.errorType()).isEqualTo("InvalidParameterValueException"));
        RuntimeCatalog noPython = RuntimeCatalog.detect("/nonexistent/python3", "/usr/bin/node",
                Path.of(System.getProperty("java.home")));
        assertThatThrownBy(() -> noPython.requireAvailable("python3.12"))
                .hasMessageContaining("no python3 interpreter found");
    }
}
