package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyEncodingTest {

    @ParameterizedTest
    @CsvSource({
            "image/png, image/png, true",
            "image/*, IMAGE/PNG; q=1, true",
            "*/*, application/json, true",
            "image/png, image/jpeg, false",
            "application/octet-stream, 'text/html, application/octet-stream', true",
            "image/*, imagex/png, false"})
    void matchesBinaryMediaTypes(String pattern, String contentType, boolean matches) {
        assertThat(BodyEncoding.matchesAny(List.of(pattern), contentType)).isEqualTo(matches);
    }

    @ParameterizedTest
    @CsvSource({"image/png", "''"})
    void matchesNothingWithoutBinaryMediaTypes(String contentType) {
        assertThat(BodyEncoding.matchesAny(List.of(), contentType)).isFalse();
        assertThat(BodyEncoding.matchesAny(List.of("*/*"), null)).isFalse();
    }
}
