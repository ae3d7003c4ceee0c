package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxSpecTest {

    private static final Path TASK = Path.of("/srv/code/abc");

    @Test
    void builderDefaultsToLambdasLimits() {
        SandboxSpec spec = SandboxSpec.builder("i-1", TASK).argv("/var/runtime/bootstrap").build();

        assertThat(spec.memoryLimitMb()).isEqualTo(128);
        assertThat(spec.memoryLimitBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(spec.ephemeralStorageMb()).isEqualTo(512);
        assertThat(spec.maxProcesses()).isEqualTo(1024);
        assertThat(spec.environment()).isEmpty();
        assertThat(spec.runtimeDir()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../escape", "a/b", "-flag", "with space"})
    void rejectsInstanceIdsThatAreNotPlainCgroupNames(String instanceId) {
        assertThatThrownBy(() -> SandboxSpec.builder(instanceId, TASK).argv("/bin/true").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsARelativeExecutable() {
        assertThatThrownBy(() -> SandboxSpec.builder("i", TASK).argv("python3", "x.py").build())
                .hasMessageContaining("absolute executable");
    }

    @Test
    void rejectsRelativeHostPaths() {
        assertThatThrownBy(() -> SandboxSpec.builder("i", Path.of("code")).argv("/bin/true").build())
                .hasMessageContaining("taskRoot");
        assertThatThrownBy(() -> SandboxSpec.builder("i", TASK).argv("/bin/true")
                .readOnlyHostPaths(Path.of("jdk")).build()).hasMessageContaining("readOnlyHostPaths");
    }

    @Test
    void rejectsEnvironmentThatCannotBePassedIntact() {
        assertThatThrownBy(() -> SandboxSpec.builder("i", TASK).argv("/bin/true").env("A=B", "x").build())
                .hasMessageContaining("name");
        assertThatThrownBy(() -> SandboxSpec.builder("i", TASK).argv("/bin/true").env("A", "x\0y").build())
                .hasMessageContaining("NUL");
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThatThrownBy(() -> SandboxSpec.builder("i", TASK).argv("/bin/true").memoryLimitMb(0).build())
                .hasMessageContaining("memoryLimitMb");
        assertThatThrownBy(() -> SandboxSpec.builder("i", TASK).argv("/bin/true").maxProcesses(-1).build())
                .hasMessageContaining("maxProcesses");
    }

    @Test
    void copiesTheEnvironmentSoLaterChangesDoNotLeakIn() {
        Map<String, String> environment = new HashMap<>(Map.of("A", "1"));
        SandboxSpec spec = SandboxSpec.builder("i", TASK).argv("/bin/true").env(environment).build();

        environment.put("B", "2");

        assertThat(spec.environment()).containsExactly(Map.entry("A", "1"));
    }
}
