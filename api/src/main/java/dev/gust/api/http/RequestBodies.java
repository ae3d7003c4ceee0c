package dev.gust.api.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.gust.core.LambdaException;
import io.vertx.core.buffer.Buffer;

/** Parses JSON request bodies into wire records, turning parse failures into AWS's error. Thread-safe. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Reads {@code body} as {@code type}; an empty body reads as an empty JSON object.
     *
     * @throws LambdaException InvalidRequestContentException when the body is not valid JSON of that shape
     */
    public static <T> T read(Buffer body, Class<T> type) {
        byte[] bytes = body == null || body.length() == 0 ? "{}".getBytes() : body.getBytes();
        try {
            return Json.MAPPER.readValue(bytes, type);
        } catch (JacksonException e) {
            throw LambdaException.invalidRequestContent(
                    "Could not parse request body into json: Could not parse payload into json: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw LambdaException.invalidRequestContent("Could not parse request body into json: " + e.getMessage());
        }
    }
}
