package dev.gust.runtimes.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuntimeRootsTest {

    @Test
    void usesLambdasFoldersInsideTheSandbox() {
        assertThat(RuntimeRoots.LAMBDA.taskRoot()).isEqualTo(Path.of("/var/task"));
        assertThat(RuntimeRoots.LAMBDA.runtimeRoot()).isEqualTo(Path.of("/var/runtime"));
    }

    @Test
    void refusesRelativeRoots() {
        assertThatThrownBy(() -> new RuntimeRoots(Path.of("task"), Path.of("/var/runtime")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
