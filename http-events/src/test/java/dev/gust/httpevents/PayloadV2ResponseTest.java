package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadV2ResponseTest {

    private static HttpResponse map(String payload) throws MalformedResponse {
        return PayloadV2.response(payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * LocalStack's {@code test_lambda_url_invocation} recorded what a function URL answers when a Python function
     * returns each value; the payload is that value as the Python runtime serializes it ({@code json.dumps}).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "dict|{\"hello\": \"world\"}",
            "http-response|{\"statusCode\": 200, \"body\": \"body123\"}",
            "http-response-json|{\"statusCode\": 200, \"body\": \"{\\\"hello\\\": \\\"world\\\"}\"}",
            "list-mixed|[\"hello\", 3, true]",
            "string|\"hello\"",
            "integer|3",
            "float|3.1",
            "boolean|true"})
    void answersAsTheRecordedFunctionUrl(String id, String payload) throws MalformedResponse {
        JsonNode recorded = Corpus.recording("lambda_/test_lambda.snapshot.json",
                "tests/aws/services/lambda_/test_lambda.py::TestLambdaURL::test_lambda_url_invocation[" + id + "]")
                .get("lambda_url_invocation");

        HttpResponse response = map(payload);

        assertThat(response.statusCode()).isEqualTo(recorded.get("statuscode").asInt());
        assertThat(response.header("Content-Type")).isEqualTo(recorded.at("/headers/Content-Type").asText());
        assertThat(response.body().length).isEqualTo(recorded.at("/headers/Content-Length").asInt());
        JsonNode content = recorded.get("content");
        if (content.isTextual()) {
            assertThat(response.bodyText()).isEqualTo(content.asText());
        } else {
            assertThat(Corpus.tree(response.body())).isEqualTo(content);
        }
    }

    @Test
    void turnsEachCookieIntoASetCookieHeader() throws MalformedResponse {
        HttpResponse response = map("{\"statusCode\": 201, \"cookies\": [\"a=1; Secure\", \"b=2\"],"
                + " \"headers\": {\"X-Id\": \"7\"}, \"body\": \"ok\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headerValues("Set-Cookie")).containsExactly("a=1; Secure", "b=2");
        assertThat(response.header("x-id")).isEqualTo("7");
        assertThat(response.bodyText()).isEqualTo("ok");
    }

    @Test
    void keepsTheFunctionsContentType() throws MalformedResponse {
        HttpResponse response = map("{\"statusCode\": 200, \"headers\": {\"content-type\": \"text/html\"}}");

        assertThat(response.headerValues("Content-Type")).containsExactly("text/html");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void writesNumberAndBooleanHeaderValuesAsText() throws MalformedResponse {
        HttpResponse response = map("{\"statusCode\": 200, \"headers\": {\"x-n\": 5, \"x-b\": true, \"x-z\": null}}");

        assertThat(response.header("x-n")).isEqualTo("5");
        assertThat(response.header("x-b")).isEqualTo("true");
        assertThat(response.header("x-z")).isNull();
    }

    @Test
    void decodesABase64Body() throws MalformedResponse {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        HttpResponse response = map("{\"statusCode\": 200, \"isBase64Encoded\": true, \"headers\":"
                + " {\"Content-Type\": \"image/png\"}, \"body\": \"" + Base64.getEncoder().encodeToString(png) + "\"}");

        assertThat(response.body()).isEqualTo(png);
        assertThat(response.header("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void toleratesLineBreaksInABase64Body() throws MalformedResponse {
        HttpResponse response = map("{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"aGVs\\nbG8=\\n\"}");

        assertThat(response.bodyText()).isEqualTo("hello");
    }

    @Test
    void acceptsAStatusCodeWrittenAsAString() throws MalformedResponse {
        assertThat(map("{\"statusCode\": \"404\", \"body\": \"no\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void takesAnObjectWithoutStatusCodeAsTheBodyInCompactJson() throws MalformedResponse {
        HttpResponse response = map("{ \"headers\" : {\"a\": \"b\"}, \"body\": \"x\" }");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("{\"headers\":{\"a\":\"b\"},\"body\":\"x\"}");
        assertThat(response.headers()).containsExactly(new Header("Content-Type", "application/json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"statusCode\": 200", "{\"statusCode\": \"abc\"}",
            "{\"statusCode\": 99}", "{\"statusCode\": 600}", "{\"statusCode\": true}",
            "{\"statusCode\": 200, \"body\": {\"a\": 1}}",
            "{\"statusCode\": 200, \"isBase64Encoded\": true, \"body\": \"***\"}",
            "{\"statusCode\": 200, \"headers\": [\"a\"]}", "{\"statusCode\": 200, \"headers\": {\"a\": [\"b\"]}}",
            "{\"statusCode\": 200, \"cookies\": \"a=1\"}",
            "{\"statusCode\": 200, \"isBase64Encoded\": 1, \"body\": \"\"}", ""})
    void refusesMalformedAnswers(String payload) {
        assertThatThrownBy(() -> map(payload)).isInstanceOf(MalformedResponse.class);
    }

    @Test
    void mapsTheJavaLibsResponseFixture() throws MalformedResponse {
        JsonNode fixture = Corpus.read(
                "aws-lambda-java-libs/aws-lambda-java-tests/src/test/resources/response/apigw_v2_http_response.json");

        HttpResponse response = PayloadV2.response(fixture.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        // payload format 2.0 has no multiValueHeaders: only cookies become Set-Cookie headers
        assertThat(response.headerValues("Set-Cookie")).containsExactly("session=abc123; Secure; HttpOnly");
        assertThat(response.bodyText()).isEqualTo("{\"message\":\"OK\"}");
    }

    @Test
    void mapsWhatAJavaHandlerAnswersThroughTheRuntimeSerializer() throws MalformedResponse {
        APIGatewayV2HTTPResponse answer = APIGatewayV2HTTPResponse.builder().withStatusCode(302)
                .withHeaders(Map.of("Location", "/next")).withCookies(List.of("id=1"))
                .withBody(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3})).withIsBase64Encoded(true).build();

        HttpResponse response = PayloadV2.response(Oracle.write(answer));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo("/next");
        assertThat(response.headerValues("Set-Cookie")).containsExactly("id=1");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.body()).containsExactly(1, 2, 3);
    }

    @Test
    void mapsAJavaHandlersEmptyResponse() throws MalformedResponse {
        HttpResponse response = PayloadV2.response(Oracle.write(
                APIGatewayV2HTTPResponse.builder().withStatusCode(204).build()));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }
}
