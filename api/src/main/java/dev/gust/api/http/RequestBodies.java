package dev.gust.api.http;

import com.fasterxml.jackson.core.JacksonException;
import dev.gust.core.LambdaException;
import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.io.InputStream;

/**
 * Parses JSON request bodies into wire records, turning parse failures into AWS's error. The body is read in place,
 * never copied whole (a CreateFunction body can be 67 MB). Thread-safe.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Reads {@code body} as {@code type}; an empty body reads as an empty JSON object.
     *
     * @throws LambdaException InvalidRequestContentException when the body is not valid JSON of that shape (the JSON
     *     {@code null} included)
     */
    public static <T> T read(Buffer body, Class<T> type) {
        if (body == null || body.length() == 0) {
            body = Buffer.buffer("{}");
        }
        try (InputStream in = new ByteBufInputStream(((BufferInternal) body).getByteBuf())) {
            T value = Json.MAPPER.readValue(in, type);
            if (value == null) {
                throw LambdaException.invalidRequestContent("Could not parse request body into json: "
                        + "Could not parse payload into json: the body is the JSON null, not an object");
            }
            return value;
        } catch (JacksonException e) {
            throw LambdaException.invalidRequestContent(
                    "Could not parse request body into json: Could not parse payload into json: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw LambdaException.invalidRequestContent("Could not parse request body into json: " + e.getMessage());
        }
    }
}
