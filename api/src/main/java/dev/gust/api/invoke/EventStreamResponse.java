package dev.gust.api.invoke;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.ResponseStream;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The HTTP response of one {@code InvokeWithResponseStream}: a {@link ResponseStream} that sends each of the
 * function's chunks as a {@code PayloadChunk} event as it arrives, and the end as an {@code InvokeComplete} event.
 *
 * <p>The head ({@code 200}, {@code application/vnd.amazon.eventstream}, {@code X-Amz-Executed-Version}) goes out with
 * the first chunk, or with the end; an invocation that fails before that (throttled, not found) is answered with the
 * API's error instead. A client that went away takes nothing more: the function is never paused for it. Thread-safe
 * as Vert.x's response is: the engine writes from the instance's event loop, the end may come from a timer.
 */
final class EventStreamResponse implements ResponseStream {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpServerResponse response;
    private boolean headSent;

    EventStreamResponse(HttpServerResponse response) {
        this.response = response;
    }

    @Override
    public synchronized void start(String contentType, String executedVersion) {
        head(executedVersion);
    }

    @Override
    public void chunk(byte[] bytes) {
        if (!response.closed()) {
            response.write(EventStreamMessages.payloadChunk(bytes));
        }
    }

    @Override
    public boolean writable() {
        return response.closed() || !response.writeQueueFull();
    }

    @Override
    public void onWritable(Runnable resume) {
        response.drainHandler(ignored -> resume.run());
        response.closeHandler(ignored -> resume.run());
    }

    /** Whether nothing has been sent yet, so that a failure can still be answered as an API error. */
    synchronized boolean unsent() {
        return !headSent;
    }

    /** Ends the stream with the invocation's {@code InvokeComplete}. */
    void complete(InvocationResult result) {
        head(result.executedVersion());
        if (!response.closed()) {
            response.end(EventStreamMessages.invokeComplete(invokeComplete(result)));
        }
    }

    private synchronized void head(String executedVersion) {
        if (headSent || response.closed()) {
            return;
        }
        headSent = true;
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", CONTENT_TYPE);
        if (executedVersion != null) {
            response.putHeader("X-Amz-Executed-Version", executedVersion);
        }
    }

    /**
     * The {@code InvokeComplete} payload: empty on success; on failure {@code ErrorCode} is the error's type
     * ({@code Sandbox.Timedout}, the type the function's runtime reported) and {@code ErrorDetails} its message;
     * {@code LogResult} is the base64 log tail when it was asked for.
     */
    static String invokeComplete(InvocationResult result) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            if (result.functionError() != null) {
                String[] error = error(result.payload());
                json.writeStringField("ErrorCode", error[0] != null ? error[0] : result.functionError());
                json.writeStringField("ErrorDetails", error[1] != null ? error[1]
                        : new String(result.payload(), StandardCharsets.UTF_8));
            }
            if (result.logTail() != null) {
                json.writeStringField("LogResult", Base64.getEncoder()
                        .encodeToString(result.logTail().getBytes(StandardCharsets.UTF_8)));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The {@code errorType} and {@code errorMessage} of an error payload; either is {@code null} when absent. */
    private static String[] error(byte[] payload) {
        String[] error = new String[2];
        try (JsonParser parser = JSON.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return error;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("errorType")) {
                    error[0] = parser.getText();
                } else if (value == JsonToken.VALUE_STRING && name.equals("errorMessage")) {
                    error[1] = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            // not JSON: the payload stands for the details as it is
        }
        return error;
    }
}
