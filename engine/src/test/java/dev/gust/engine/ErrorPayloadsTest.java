package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Payload texts as recorded from real AWS (corpus: test_lambda.snapshot.json). */
class ErrorPayloadsTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void timeoutMatchesTheRecording() {
        assertThat(text(ErrorPayloads.timedOut("abc", 1))).isEqualTo(
                "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: abc Error: Task timed out after 1.00 seconds\"}");
    }

    @Test
    void exitWithoutReasonMatchesTheRecording() {
        assertThat(text(ErrorPayloads.exited("abc", 0, null))).isEqualTo("{\"errorType\":\"Runtime.ExitError\","
                + "\"errorMessage\":\"RequestId: abc Error: Runtime exited without providing a reason\"}");
        assertThat(text(ErrorPayloads.exited("abc", 1, null))).contains("Runtime exited with error: exit status 1");
        assertThat(text(ErrorPayloads.exited("abc", null, 11))).contains("signal: segmentation fault");
    }

    @Test
    void outOfMemoryNamesTheKill() {
        assertThat(text(ErrorPayloads.outOfMemory("abc"))).isEqualTo("{\"errorType\":\"Runtime.OutOfMemory\","
                + "\"errorMessage\":\"RequestId: abc Error: Runtime exited with error: signal: killed\"}");
    }
}
