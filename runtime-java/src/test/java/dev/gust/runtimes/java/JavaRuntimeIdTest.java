package dev.gust.runtimes.java;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaRuntimeIdTest {

    @Test
    void findsTheJavaRuntimesThisModuleRuns() {
        assertThat(JavaRuntimeId.find("java21")).contains(JavaRuntimeId.JAVA21);
        assertThat(JavaRuntimeId.find("java25")).contains(JavaRuntimeId.JAVA25);
        assertThat(JavaRuntimeId.find("java17")).isEmpty();
        assertThat(JavaRuntimeId.find("python3.12")).isEmpty();
    }

    @Test
    void spellsTheExecutionEnvironmentAsLambdaDoes() {
        assertThat(JavaRuntimeId.JAVA21.executionEnvironment()).isEqualTo("AWS_Lambda_java21");
        assertThat(JavaRuntimeId.JAVA25.id()).isEqualTo("java25");
    }
}
