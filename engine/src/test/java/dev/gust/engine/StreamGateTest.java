package dev.gust.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.invoke.ResponseStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamGateTest {

    /** A caller's stream that records what reaches it and can say it is full. */
    private static final class RecordingStream implements ResponseStream {
        final List<String> received = new ArrayList<>();
        boolean full;

        @Override
        public void start(String contentType, String executedVersion) {
            received.add("start " + contentType + " " + executedVersion);
        }

        @Override
        public void chunk(byte[] bytes) {
            received.add(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public boolean writable() {
            return !full;
        }
    }

    @Test
    void passesTheRuntimesBytesWithTheExecutedVersionUntilTheInvocationEnds() {
        RecordingStream stream = new RecordingStream();
        StreamGate gate = new StreamGate(stream, "7");

        gate.begin("text/plain");
        gate.chunk("one".getBytes(StandardCharsets.UTF_8));
        gate.close();
        gate.chunk("late".getBytes(StandardCharsets.UTF_8));

        assertThat(stream.received).containsExactly("start text/plain 7", "one");
    }

    @Test
    void aClosedGateNeverPausesTheRuntimeForACallerThatTakesNothingMore() {
        RecordingStream stream = new RecordingStream();
        stream.full = true;
        StreamGate gate = new StreamGate(stream, "$LATEST");

        assertThat(gate.writable()).isFalse();
        gate.close();
        assertThat(gate.writable()).isTrue();
    }
}
