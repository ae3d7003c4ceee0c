package dev.gust.async;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationResult;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The attributes Lambda puts on a dead-letter message, from what ended the event. */
class DeadLetterTest {

    @Test
    void aFunctionErrorIsStatus200WithTheErrorPayloadsMessage() {
        DeadLetter letter = DeadLetter.functionError(result("{\"errorMessage\":\"boom\",\"errorType\":\"E\"}"));

        assertThat(letter).isEqualTo(new DeadLetter(200, "boom"));
    }

    @Test
    void anErrorPayloadWithoutAMessageIsTheMessageItself() {
        assertThat(DeadLetter.functionError(result("not json")).errorMessage()).isEqualTo("not json");
        assertThat(DeadLetter.functionError(result("{\"errorType\":\"E\"}")).errorMessage())
                .isEqualTo("{\"errorType\":\"E\"}");
    }

    @Test
    void theMessageIsTruncatedTo1KbWithoutSplittingACharacter() {
        String euros = "€".repeat(400); // 3 bytes each in UTF-8: 1200 bytes

        String message = DeadLetter.functionError(result("{\"errorMessage\":\"" + euros + "\"}")).errorMessage();

        assertThat(message.getBytes(StandardCharsets.UTF_8)).hasSize(1023);
        assertThat(message).isEqualTo("€".repeat(341));
    }

    @Test
    void aThrottleIsItsStatusAndMessageAndAnInternalErrorSaysNothingOfItsCause() {
        assertThat(DeadLetter.failure(LambdaException.tooManyRequests("Rate Exceeded.", "x")))
                .isEqualTo(new DeadLetter(429, "Rate Exceeded."));
        DeadLetter internal = DeadLetter.failure(new IllegalStateException("/var/lib/gust/secret broke"));
        assertThat(internal.errorCode()).isEqualTo(500);
        assertThat(internal.errorMessage()).doesNotContain("/var/lib");
    }

    @Test
    void anEmptyMessageBecomesOneSqsAccepts() {
        assertThat(DeadLetter.functionError(result("")).errorMessage()).isNotEmpty();
    }

    private static InvocationResult result(String payload) {
        return new InvocationResult(payload.getBytes(StandardCharsets.UTF_8), "Unhandled", "$LATEST", null);
    }
}
