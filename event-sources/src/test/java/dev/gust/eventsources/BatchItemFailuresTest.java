package dev.gust.eventsources;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchItemFailuresTest {

    private static final Set<String> BATCH = Set.of("a", "b", "c");

    private static Set<String> failed(String response) {
        return BatchItemFailures.failed(response.getBytes(), BATCH);
    }

    @Test
    void failsOnlyTheReportedMessages() {
        assertThat(failed("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"},{\"itemIdentifier\":\"c\"}]}"))
                .containsExactlyInAnyOrder("b", "c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "{\"batchItemFailures\":null}", "{\"batchItemFailures\":[]}",
            "{\"status\":\"done\"}"})
    void treatsAnEmptyOrNullResponseAsCompleteSuccess(String response) {
        assertThat(failed(response)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "\"ok\"", "42", "{\"batchItemFailures\":\"b\"}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}", "{\"batchItemFailures\":[{\"itemIdentifier\":null}]}",
            "{\"batchItemFailures\":[{\"foo\":\"notvalid\"}]}", "{\"batchItemFailures\":[{\"itemIdentifier\":\"z\"}]}",
            "{\"batchItemFailures\":[{\"itemIdentifier\":\"a\"},{\"itemIdentifier\":\"unknown\"}]}"})
    void treatsAnInvalidResponseAsCompleteFailure(String response) {
        assertThat(failed(response)).isEqualTo(BATCH);
    }
}
