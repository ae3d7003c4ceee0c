package dev.gust.functionurls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.httpevents.Header;
import dev.gust.httpevents.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamedAnswerTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsTheEightNulBytesAfterThePrelude() {
        byte[] stream = bytes("{\"statusCode\":201}\0\0\0\0\0\0\0\0body");

        assertThat(StreamedAnswer.delimiter(stream)).isEqualTo(18);
        assertThat(StreamedAnswer.delimiter(bytes("{\"a\":1}\0\0\0\0\0\0\0"))).isEqualTo(-1);
    }

    @Test
    void aPreludeGivesTheStatusTheHeadersAndTheCookies() {
        HttpResponse head = StreamedAnswer.prelude(bytes("{\"statusCode\":201,\"headers\":{\"Content-Type\":"
                + "\"text/html\",\"x-n\":3},\"cookies\":[\"a=1\",\"b=2\"]}"));

        assertThat(head.statusCode()).isEqualTo(201);
        assertThat(head.headers()).containsExactly(new Header("Content-Type", "text/html"), new Header("x-n", "3"),
                new Header("Set-Cookie", "a=1"), new Header("Set-Cookie", "b=2"));
    }

    @Test
    void aPreludeWithoutAStatusIs200AndWhatIsNoJsonObjectIsNoPrelude() {
        assertThat(StreamedAnswer.prelude(bytes("{}")).statusCode()).isEqualTo(200);
        assertThat(StreamedAnswer.prelude(bytes("{not json"))).isNull();
        assertThat(StreamedAnswer.prelude(bytes("[1,2]"))).isNull();
    }
}
