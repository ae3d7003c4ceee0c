package dev.gust.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimesTest {

    @Test
    void refusesARuntimeBlockedForCreationRecommendingTheNewestOfItsFamily() {
        assertThatThrownBy(() -> Runtimes.requireAccepted("python3.8")).isInstanceOfSatisfying(LambdaException.class,
                e -> assertThat(e.errorType()).isEqualTo("InvalidParameterValueException"))
                .hasMessage("The runtime parameter of python3.8 is no longer supported for creating or updating AWS "
                        + "Lambda functions. We recommend you use the new runtime (python3.14) while creating or "
                        + "updating functions.");
        assertThatThrownBy(() -> Runtimes.requireAccepted("java11")).hasMessageContaining("(java25)");
        assertThatThrownBy(() -> Runtimes.requireAccepted("nodejs18.x")).hasMessageContaining("(nodejs24.x)");
    }

    @Test
    void refusesARetiredRuntimeAsAwsRecorded() {
        assertThatThrownBy(() -> Runtimes.requireAccepted("go1.x")).hasMessage("The runtime parameter of go1.x is no "
                + "longer supported for creating or updating AWS Lambda functions. We recommend you use a supported "
                + "runtime while creating or updating functions.");
    }

    @Test
    void creatableIdsAreTheEnumLessTheBlockedOnes() {
        assertThat(Runtimes.creatable()).contains("python3.14", "nodejs24.x", "java21", "java25", "ruby3.3", "ruby3.4",
                "provided.al2", "provided.al2023").doesNotContain("python3.9", "java17", "ruby3.2", "dotnet6");
        assertThat(Runtimes.ACCEPTED).containsAll(Runtimes.BLOCKED.keySet()).containsAll(Runtimes.BLOCKED.values());
        Runtimes.creatable().forEach(id -> assertThatCode(() -> Runtimes.requireAccepted(id)).doesNotThrowAnyException());
    }
}
