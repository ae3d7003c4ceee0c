package dev.gust.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper for Lambda's wire format: UpperCamelCase members, nulls omitted. Thread-safe. */
public final class Json {

    /**
     * The longest string member a request may carry: the edge already bounds the whole body by
     * {@link dev.gust.api.LambdaService#MAX_REQUEST_BYTES}, and a 50 MB zip is a base64 string of about 67 MB, over
     * Jackson's default of 20 MB.
     */
    static final int MAX_STRING_LENGTH = (int) dev.gust.api.LambdaService.MAX_REQUEST_BYTES;

    /** Mapper for Lambda request and response bodies. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_LENGTH).build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }
}
