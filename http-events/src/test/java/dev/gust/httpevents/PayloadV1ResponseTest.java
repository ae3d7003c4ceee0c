package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadV1ResponseTest {

    private static HttpResponse map(String payload) throws MalformedResponse {
        return PayloadV1.response(PayloadV1.Kind.REST_API, payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mergesHeadersAndMultiValueHeadersOfTheJavaLibsFixture() throws MalformedResponse {
        byte[] fixture = Corpus.read(
                "aws-lambda-java-libs/aws-lambda-java-tests/src/test/resources/response/apigw_proxy_response.json")
                .toString().getBytes(StandardCharsets.UTF_8);

        HttpResponse response = PayloadV1.response(PayloadV1.Kind.REST_API, fixture);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers()).containsExactly(new Header("Content-Type", "application/json"),
                new Header("X-Custom-Header", "custom-value"), new Header("Set-Cookie", "cookie1=value1"),
                new Header("Set-Cookie", "cookie2=value2"));
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"Hello from Lambda\"}");
    }

    @Test
    void takesOnlyTheMultiValueHeadersOfANameInBoth() throws MalformedResponse {
        HttpResponse response = map("{\"statusCode\": 200, \"headers\": {\"X-A\": \"single\", \"x-b\": \"b\"},"
                + " \"multiValueHeaders\": {\"x-a\": [\"one\", \"two\"]}}");

        assertThat(response.headerValues("X-A")).containsExactly("one", "two");
        assertThat(response.header("x-b")).isEqualTo("b");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void decodesABase64BodyForAnHttpApi() throws MalformedResponse {
        HttpResponse response = PayloadV1.response(PayloadV1.Kind.HTTP_API,
                "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"AAEC\"}".getBytes());

        assertThat(response.body()).containsExactly(0, 1, 2);
    }

    @Test
    void decodesARestBase64BodyOnlyForABinaryMediaType() throws MalformedResponse {
        byte[] payload = ("{\"statusCode\": 200, \"isBase64Encoded\": true, \"headers\": {\"Content-Type\":"
                + " \"image/png\"}, \"body\": \"AAEC\"}").getBytes();

        assertThat(PayloadV1.restResponse(payload, List.of(), "image/png").bodyText()).isEqualTo("AAEC");
        assertThat(PayloadV1.restResponse(payload, List.of("image/png"), null).body()).containsExactly(0, 1, 2);
        assertThat(PayloadV1.restResponse(payload, List.of("application/octet-stream"),
                "text/html, application/octet-stream").body()).containsExactly(0, 1, 2);
    }

    @ParameterizedTest
    @EnumSource(PayloadV1.Kind.class)
    void refusesAnAnswerWithoutStatusCode(PayloadV1.Kind kind) {
        for (String payload : List.of("{\"body\": \"x\"}", "\"hello\"", "3", "[1]", "null", "not json")) {
            assertThatThrownBy(() -> PayloadV1.response(kind, payload.getBytes()))
                    .as(payload).isInstanceOf(MalformedResponse.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"statusCode\": \"x\"}", "{\"statusCode\": 200, \"body\": {\"a\": 1}}",
            "{\"statusCode\": 200, \"body\": 5}", "{\"statusCode\": 200, \"multiValueHeaders\": {\"a\": \"b\"}}",
            "{\"statusCode\": 200, \"multiValueHeaders\": [\"a\"]}", "{\"statusCode\": 200, \"headers\": \"a\"}",
            "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"%%%\"}"})
    void refusesMalformedAnswers(String payload) {
        assertThatThrownBy(() -> map(payload)).isInstanceOf(MalformedResponse.class);
    }

    @Test
    void mapsWhatAJavaHandlerAnswersThroughTheRuntimeSerializer() throws MalformedResponse {
        APIGatewayProxyResponseEvent answer = new APIGatewayProxyResponseEvent().withStatusCode(404)
                .withHeaders(Map.of("Content-Type", "text/plain"))
                .withMultiValueHeaders(Map.of("Set-Cookie", List.of("a=1", "b=2"))).withBody("missing");

        HttpResponse response = map(new String(Oracle.write(answer), StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain");
        assertThat(response.headerValues("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(response.bodyText()).isEqualTo("missing");
    }

    @Test
    void mapsAJavaHandlersBareStatus() throws MalformedResponse {
        HttpResponse response = map(new String(Oracle.write(new APIGatewayProxyResponseEvent().withStatusCode(204)),
                StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }
}
