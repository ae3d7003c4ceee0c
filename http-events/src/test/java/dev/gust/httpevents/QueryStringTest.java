package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void keepsAMalformedPercentAsItIs() {
        assertThat(QueryString.parse("a=100%&b=%zz&c=%4")).containsExactly(Map.entry("a", List.of("100%")),
                Map.entry("b", List.of("%zz")), Map.entry("c", List.of("%4")));
    }

    @Test
    void splitsEachPairOnItsFirstEqualsSign() {
        assertThat(QueryString.parse("token=a=b==&=v")).containsExactly(
                Map.entry("token", List.of("a=b==")), Map.entry("", List.of("v")));
    }

    @Test
    void decodesKeysAndMultiByteCharacters() {
        assertThat(QueryString.parse("na%20me=%E6%97%A5%E6%9C%AC")).containsExactly(
                Map.entry("na me", List.of("日本")));
    }

    @Test
    void readsNothingFromAnEmptyQuery() {
        assertThat(QueryString.parse("")).isEmpty();
        assertThat(QueryString.parse("&&")).isEmpty();
    }

    @Test
    void keepsAPlusInAPath() {
        assertThat(QueryString.decode("/a+b%2Bc%20d", false)).isEqualTo("/a+b+c d");
    }
}
