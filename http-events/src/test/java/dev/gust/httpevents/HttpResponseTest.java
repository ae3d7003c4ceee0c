package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @Test
    void findsHeadersByNameInAnyCase() {
        HttpResponse response = new HttpResponse(200, List.of(new Header("Set-Cookie", "a=1"),
                new Header("Content-Type", "text/plain"), new Header("set-cookie", "b=2")), null);

        assertThat(response.header("SET-COOKIE")).isEqualTo("a=1");
        assertThat(response.headerValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.header("X-Missing")).isNull();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void addsAHeaderAfterTheOthersWithoutChangingTheOriginal() {
        HttpResponse original = HttpResponse.json(404, "{\"message\":\"Not Found\"}");

        HttpResponse more = original.withHeader(new Header("apigw-requestid", "abc="));

        assertThat(more.headers()).containsExactly(new Header("Content-Type", "application/json"),
                new Header("apigw-requestid", "abc="));
        assertThat(original.headers()).hasSize(1);
        assertThat(more.statusCode()).isEqualTo(404);
        assertThat(more.bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
    }
}
