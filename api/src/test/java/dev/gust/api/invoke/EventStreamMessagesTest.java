package dev.gust.api.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.invoke.InvocationResult;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class EventStreamMessagesTest {

    @Test
    void aPayloadChunkIsFramedWithItsLengthsHeadersAndBothChecksums() {
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);

        Message message = Message.decode(EventStreamMessages.payloadChunk(payload));

        assertThat(message.headers()).containsExactly(Map.entry(":event-type", "PayloadChunk"),
                Map.entry(":content-type", "application/octet-stream"), Map.entry(":message-type", "event"));
        assertThat(message.payload()).isEqualTo("hello");
    }

    @Test
    void anInvokeCompleteCarriesJson() {
        Message message = Message.decode(EventStreamMessages.invokeComplete("{}"));

        assertThat(message.headers()).containsEntry(":event-type", "InvokeComplete")
                .containsEntry(":content-type", "application/json");
        assertThat(message.payload()).isEqualTo("{}");
    }

    @Test
    void aSuccessfulInvocationCompletesWithAnEmptyObject() {
        assertThat(EventStreamResponse.invokeComplete(new InvocationResult(new byte[0], null, "$LATEST", null)))
                .isEqualTo("{}");
    }

    @Test
    void aFailedInvocationCompletesWithItsErrorTypeMessageAndLog() {
        byte[] error = "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: r Error: Task timed out\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(EventStreamResponse.invokeComplete(new InvocationResult(error, "Unhandled", "1", "END\n")))
                .isEqualTo("{\"ErrorCode\":\"Sandbox.Timedout\",\"ErrorDetails\":\"RequestId: r Error: Task timed out\","
                        + "\"LogResult\":\"RU5ECg==\"}");
    }

    @Test
    void anErrorPayloadThatIsNotLambdasShapeStandsForTheDetails() {
        byte[] error = "not json".getBytes(StandardCharsets.UTF_8);

        assertThat(EventStreamResponse.invokeComplete(new InvocationResult(error, "Unhandled", "1", null)))
                .isEqualTo("{\"ErrorCode\":\"Unhandled\",\"ErrorDetails\":\"not json\"}");
    }

    /** One event-stream message, decoded independently of the encoder and checked on the way. */
    private record Message(Map<String, String> headers, String payload) {

        static Message decode(Buffer frame) {
            ByteBuffer bytes = ByteBuffer.wrap(frame.getBytes());
            int total = bytes.getInt();
            int headersLength = bytes.getInt();
            assertThat(total).isEqualTo(frame.length());
            assertThat(Integer.toUnsignedLong(bytes.getInt())).as("prelude CRC").isEqualTo(crc(frame, 8));
            Map<String, String> headers = new LinkedHashMap<>();
            int headersEnd = 12 + headersLength;
            while (bytes.position() < headersEnd) {
                byte[] name = new byte[bytes.get()];
                bytes.get(name);
                assertThat(bytes.get()).as("string header type").isEqualTo((byte) 7);
                byte[] value = new byte[Short.toUnsignedInt(bytes.getShort())];
                bytes.get(value);
                headers.put(new String(name, StandardCharsets.US_ASCII), new String(value, StandardCharsets.UTF_8));
            }
            byte[] payload = new byte[total - headersEnd - 4];
            bytes.get(payload);
            assertThat(Integer.toUnsignedLong(bytes.getInt())).as("message CRC").isEqualTo(crc(frame, total - 4));
            return new Message(headers, new String(payload, StandardCharsets.UTF_8));
        }

        private static long crc(Buffer frame, int length) {
            CRC32 crc = new CRC32();
            crc.update(frame.getBytes(0, length));
            return crc.getValue();
        }
    }
}
