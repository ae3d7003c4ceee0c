package dev.gust.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes domain records as the JSON bodies of {@link dev.gust.core.identity.IdentityEntity}s and reads them back;
 * members a newer version added are ignored on reading. Thread-safe.
 */
public final class EntityJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EntityJson() {
    }

    /** The body of {@code entity}. */
    public static String write(Object entity) {
        try {
            return JSON.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + entity, e);
        }
    }

    /** The record of {@code type} a stored body holds. */
    public static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot read a stored " + type.getSimpleName() + ": " + body, e);
        }
    }
}
