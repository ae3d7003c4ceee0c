package dev.gust.apigateway.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.gust.store.HttpApiStore.StoredHttpApi;
import java.io.IOException;
import java.time.Instant;

/**
 * The stored document of an HTTP API: {@link ApiDefinition} as JSON, Gust's own shape (not the wire's). Stateless and
 * thread-safe.
 */
final class ApiDocuments {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser parser, DeserializationContext context)
                                throws IOException {
                            return Instant.parse(parser.getValueAsString());
                        }
                    }));

    private ApiDocuments() {
    }

    /** The stored form of {@code definition}. */
    static StoredHttpApi write(ApiDefinition definition) {
        try {
            return new StoredHttpApi(definition.api().account(), definition.api().apiId(),
                    MAPPER.writeValueAsString(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the API " + definition.api().apiId(), e);
        }
    }

    /** The definition a stored document holds. */
    static ApiDefinition read(StoredHttpApi stored) {
        try {
            return MAPPER.readValue(stored.body(), ApiDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the stored API " + stored.apiId(), e);
        }
    }
}
