package dev.gust.eventpatterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPatternTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void matchesWithAwsSemantics() throws Exception {
        EventPattern pattern = EventPattern.compile("""
                {"body": {"status": [{"prefix": "do"}], "size": [{"numeric": [">", 10]}]}}""");
        assertThat(pattern.matches("{\"body\": {\"status\": \"done\", \"size\": 11}}")).isTrue();
        assertThat(pattern.matches("{\"body\": {\"status\": \"done\", \"size\": 10}}")).isFalse();
        assertThat(pattern.matches("{\"body\": {\"status\": \"new\", \"size\": 11}}")).isFalse();
        assertThat(pattern.matches("not json")).isFalse();
    }

    @Test
    void refusesAnInvalidPattern() {
        assertThatThrownBy(() -> EventPattern.compile("{\"a\": \"not-an-array\"}"))
                .isInstanceOf(InvalidPatternException.class);
        assertThatThrownBy(() -> EventPattern.compile("{\"a\": [")).isInstanceOf(InvalidPatternException.class);
    }

    @Test
    void anyOfSeveralPatternsPasses() throws Exception {
        EventPatterns patterns = EventPatterns.compile(List.of("{\"a\": [1]}", "{\"b\": [{\"exists\": true}]}"));
        assertThat(patterns.matches(JSON.readTree("{\"a\": 1}"))).isTrue();
        assertThat(patterns.matches(JSON.readTree("{\"b\": \"x\"}"))).isTrue();
        assertThat(patterns.matches(JSON.readTree("{\"a\": 2}"))).isFalse();
        assertThat(EventPatterns.none().matches(JSON.readTree("{}"))).isTrue();
    }
}
