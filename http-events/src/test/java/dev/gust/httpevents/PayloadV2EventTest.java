package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadV2EventTest {

    private static final String LAMBDA = "lambda_/test_lambda.snapshot.json";
    private static final String URL_TESTS = "tests/aws/services/lambda_/test_lambda.py::TestLambdaURL::";

    private static EventContext functionUrl() {
        return EventContext.builder().accountId("123456789012").apiId("abcdefghij")
                .domainName("abcdefghij.lambda-url.us-east-1.localhost").domainPrefix("abcdefghij")
                .requestId("c6af9ac6-7b61-11e6-9a41-93e8deadbeef").build();
    }

    private static JsonNode event(HttpRequest request, EventContext context) {
        return Corpus.tree(PayloadV2.event(request, context));
    }

    @Test
    void matchesTheHttpApiFixtureFieldByFieldInAwsOrder() {
        JsonNode fixture = Corpus.read(
                "aws-lambda-java-libs/aws-lambda-java-tests/src/test/resources/apigw_http_event.json");
        HttpRequest request = Requests.request("POST", "/my/path")
                .query("parameter1=value1&parameter1=value2&parameter2=value")
                .header("Header1", "value1").header("Header2", "value1").header("Header2", "value2")
                .header("Cookie", "cookie1; cookie2").header("User-Agent", "agent")
                .header("Content-Type", "text/plain").sourceIp("IP").body("Hello from Lambda!!").build();
        EventContext context = EventContext.builder().accountId("123456789012").apiId("api-id")
                .domainName("id.execute-api.us-east-1.amazonaws.com").domainPrefix("id").requestId("id")
                .authorizer(Map.of("jwt", Map.of("claims", Map.of("claim1", "value1", "claim2", "value2"),
                        "scopes", List.of("scope1", "scope2"))))
                .pathParameters(Map.of("parameter1", "value1"))
                .stageVariables(Map.of("stageVariable1", "value1", "stageVariable2", "value2")).build();

        JsonNode event = event(request, context);

        assertThat(fieldNames(event)).containsExactlyElementsOf(fieldNames(fixture));
        assertThat(fieldNames(event.get("requestContext")))
                .containsExactlyElementsOf(fieldNames(fixture.get("requestContext")));
        ObjectNode expected = fixture.deepCopy();
        ObjectNode actual = event.deepCopy();
        // the hand-written fixture keeps header names' case and leaves out the headers its own fields imply;
        // AWS lower-cases names (checked below and against the recording)
        expected.remove("headers");
        actual.remove("headers");
        // its time (12 March) does not match its timeEpoch (4 March): the epoch wins
        ((ObjectNode) expected.get("requestContext")).remove("time");
        assertThat(((ObjectNode) actual.get("requestContext")).remove("time").asText())
                .isEqualTo("04/Mar/2020:19:03:58 +0000");
        assertThat(actual).isEqualTo(expected);
        assertThat(event.get("headers")).isEqualTo(Corpus.JSON.createObjectNode().put("header1", "value1")
                .put("header2", "value1,value2").put("user-agent", "agent").put("content-type", "text/plain"));
    }

    @Test
    void showsWhatTheRecordedFunctionUrlEchoSaw() {
        JsonNode recorded = Corpus.recording(LAMBDA, URL_TESTS + "test_lambda_url_echo_http_fixture_trim_x_headers")
                .get("url_response");
        HttpRequest request = Requests.request("POST", "/path/1").query("q=query")
                .header("Host", "abcdefghij.lambda-url.us-east-1.localhost").header("User-Agent", "test/echo")
                .header("Accept-Encoding", "gzip, deflate").header("Accept", "*/*")
                .header("Extra-Headers", "With WeiRd CapS").header("Content-Type", "application/json")
                .header("Content-Length", "14").body("{\"foo\": \"bar\"}").build();

        JsonNode event = event(request, functionUrl());

        JsonNode headers = recorded.get("headers").deepCopy();
        ((ObjectNode) headers).put("host", "abcdefghij.lambda-url.us-east-1.localhost");
        assertThat(event.get("headers")).isEqualTo(headers);
        assertThat(event.get("queryStringParameters")).isEqualTo(recorded.get("args"));
        assertThat(event.get("rawPath").asText()).isEqualTo(recorded.get("path").asText());
        assertThat(event.at("/requestContext/http/method").asText()).isEqualTo(recorded.get("method").asText());
        assertThat(Corpus.tree(event.get("body").asText().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(recorded.get("data"));
        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void joinsRepeatedQueryKeysWithCommasAndKeepsThePathAsSentLikeTheRecording() {
        JsonNode recorded = Corpus.recording(LAMBDA, URL_TESTS + "test_lambda_url_echo_http_fixture_default")
                .get("url_response");
        HttpRequest request = Requests.request("POST", "/pa2%Fth/1").query("q=query&multiQuery=foo&multiQuery=%2Fbar")
                .build();

        JsonNode event = event(request, functionUrl());

        assertThat(event.get("queryStringParameters")).isEqualTo(recorded.get("args"));
        assertThat(event.get("rawPath").asText()).isEqualTo(recorded.get("path").asText());
        assertThat(event.get("rawQueryString").asText()).isEqualTo("q=query&multiQuery=foo&multiQuery=%2Fbar");
    }

    @Test
    void encodesAMultipartBodyInBase64LikeTheRecording() {
        JsonNode recorded = Corpus.recording(LAMBDA, URL_TESTS + "test_lambda_url_form_payload").get("url_response");
        byte[] body = Base64.getDecoder().decode(recorded.get("data").asText());
        HttpRequest request = Requests.request("POST", "/test/value")
                .header("Content-Type", recorded.at("/headers/content-type").asText()).body(body).build();

        JsonNode event = event(request, functionUrl());

        assertThat(event.get("body").asText()).isEqualTo(recorded.get("data").asText());
        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.get("queryStringParameters")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/octet-stream", "image/png", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x"})
    void encodesNonTextualBodiesInBase64(String contentType) {
        byte[] body = {(byte) 0xff, 0, 1, 'a'};
        JsonNode event = event(Requests.request("POST", "/").header("Content-Type", contentType).body(body).build(),
                functionUrl());

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(Base64.getDecoder().decode(event.get("body").asText())).isEqualTo(body);
    }

    @Test
    void encodesABodyWithoutContentTypeInBase64() {
        JsonNode event = event(Requests.request("POST", "/").body("plain").build(), functionUrl());

        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.get("body").asText()).isEqualTo(Base64.getEncoder().encodeToString("plain".getBytes()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/html; charset=utf-8", "application/json", "Application/JSON",
            "application/vnd.api+json", "application/xml", "application/atom+xml", "application/javascript"})
    void passesTextualBodiesAsText(String contentType) {
        JsonNode event = event(Requests.request("POST", "/").header("Content-Type", contentType).body("héllo").build(),
                functionUrl());

        assertThat(event.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(event.get("body").asText()).isEqualTo("héllo");
    }

    @Test
    void leavesOutWhatTheRequestDoesNotHave() {
        JsonNode event = event(Requests.get("/").build(), functionUrl());

        assertThat(fieldNames(event)).containsExactly("version", "routeKey", "rawPath", "rawQueryString", "headers",
                "requestContext", "isBase64Encoded");
        assertThat(event.get("rawQueryString").asText()).isEmpty();
        assertThat(event.get("headers").isEmpty()).isTrue();
        assertThat(fieldNames(event.get("requestContext"))).doesNotContain("authorizer");
    }

    @Test
    void lowerCasesHeaderNamesAndJoinsRepeatedHeadersWithCommas() {
        JsonNode event = event(Requests.get("/").header("X-Forwarded-For", "1.1.1.1")
                .header("Accept", "text/html").header("x-forwarded-for", "2.2.2.2").build(), functionUrl());

        assertThat(event.get("headers")).isEqualTo(Corpus.JSON.createObjectNode()
                .put("x-forwarded-for", "1.1.1.1,2.2.2.2").put("accept", "text/html"));
    }

    @Test
    void splitsEveryCookieHeaderIntoCookiesAndLeavesItOutOfHeaders() {
        JsonNode event = event(Requests.get("/").header("Cookie", "a=1; b=2").header("cookie", "c=3").build(),
                functionUrl());

        assertThat(event.get("cookies")).containsExactly(text("a=1"), text("b=2"), text("c=3"));
        assertThat(event.get("headers").has("cookie")).isFalse();
    }

    @Test
    void decodesQueryValuesAndKeepsKeysWithoutValue() {
        JsonNode event = event(Requests.get("/").query("name=J%C3%BCrgen+M&flag&empty=&&a=1&a=2").build(),
                functionUrl());

        assertThat(event.get("queryStringParameters")).isEqualTo(Corpus.JSON.createObjectNode()
                .put("name", "Jürgen M").put("flag", "").put("empty", "").put("a", "1,2"));
    }

    @Test
    void writesTheDecodedPathAnHttpApiGivesIt() {
        HttpRequest request = Requests.get("/a%2Fb/c+d/%E2%9C%93").build().withDecodedPath();

        JsonNode event = event(request, functionUrl());

        assertThat(event.get("rawPath").asText()).isEqualTo("/a/b/c+d/\u2713");
        assertThat(event.at("/requestContext/http/path").asText()).isEqualTo("/a/b/c+d/\u2713");
    }

    @Test
    void writesTheRequestContextAsAwsDoes() {
        HttpRequest request = Requests.request("PUT", "/items/%20x").header("User-Agent", "curl/8.5.0")
                .time(Instant.parse("2026-03-05T07:08:09.123Z")).build();

        JsonNode context = event(request, functionUrl()).get("requestContext");

        assertThat(context.get("accountId").asText()).isEqualTo("123456789012");
        assertThat(context.get("apiId").asText()).isEqualTo("abcdefghij");
        assertThat(context.get("domainName").asText()).isEqualTo("abcdefghij.lambda-url.us-east-1.localhost");
        assertThat(context.get("domainPrefix").asText()).isEqualTo("abcdefghij");
        assertThat(context.get("http")).isEqualTo(Corpus.JSON.createObjectNode().put("method", "PUT")
                .put("path", "/items/%20x").put("protocol", "HTTP/1.1").put("sourceIp", "203.0.113.7")
                .put("userAgent", "curl/8.5.0"));
        assertThat(context.get("requestId").asText()).isEqualTo("c6af9ac6-7b61-11e6-9a41-93e8deadbeef");
        assertThat(context.get("routeKey").asText()).isEqualTo("$default");
        assertThat(context.get("stage").asText()).isEqualTo("$default");
        assertThat(context.get("time").asText()).isEqualTo("05/Mar/2026:07:08:09 +0000");
        assertThat(context.get("timeEpoch").asLong()).isEqualTo(1772694489123L);
    }

    @Test
    void writesTheIamAuthorizerUnderRequestContext() {
        Map<String, Object> iam = new java.util.LinkedHashMap<>();
        iam.put("accessKey", "AKIAIOSFODNN7EXAMPLE");
        iam.put("accountId", "111122223333");
        iam.put("callerId", "AIDACKCEVSQ6C2EXAMPLE");
        iam.put("cognitoIdentity", null);
        iam.put("principalOrgId", null);
        iam.put("userArn", "arn:aws:iam::111122223333:user/alice");
        iam.put("userId", "AIDACKCEVSQ6C2EXAMPLE");
        EventContext context = EventContext.builder().accountId("123456789012").apiId("u").domainName("d")
                .domainPrefix("u").requestId("r").authorizer(Map.of("iam", iam)).build();

        JsonNode event = event(Requests.get("/").build(), context);

        assertThat(fieldNames(event.get("requestContext"))).containsSubsequence("apiId", "authorizer", "domainName");
        assertThat(event.at("/requestContext/authorizer/iam/userArn").asText())
                .isEqualTo("arn:aws:iam::111122223333:user/alice");
        assertThat(event.at("/requestContext/authorizer/iam/cognitoIdentity").isNull()).isTrue();
    }

    @Test
    void arrivesWholeInTheJavaEventsType() {
        HttpRequest request = Requests.request("POST", "/my/path").query("a=1&a=2&b=3")
                .header("Content-Type", "application/json").header("Cookie", "s=1; t=2")
                .header("User-Agent", "agent").body("{\"k\":1}").build();
        EventContext context = EventContext.builder().accountId("123456789012").apiId("api")
                .domainName("api.execute-api.us-east-1.localhost").domainPrefix("api").requestId("rid")
                .routeKey("POST /my/{p}").stage("prod").pathParameters(Map.of("p", "path"))
                .stageVariables(Map.of("v", "w")).build();

        APIGatewayV2HTTPEvent typed = Oracle.read(PayloadV2.event(request, context), APIGatewayV2HTTPEvent.class);

        assertThat(typed.getVersion()).isEqualTo("2.0");
        assertThat(typed.getRouteKey()).isEqualTo("POST /my/{p}");
        assertThat(typed.getRawPath()).isEqualTo("/my/path");
        assertThat(typed.getRawQueryString()).isEqualTo("a=1&a=2&b=3");
        assertThat(typed.getCookies()).containsExactly("s=1", "t=2");
        assertThat(typed.getHeaders()).containsExactlyInAnyOrderEntriesOf(
                Map.of("content-type", "application/json", "user-agent", "agent"));
        assertThat(typed.getQueryStringParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1,2", "b", "3"));
        assertThat(typed.getPathParameters()).containsExactlyEntriesOf(Map.of("p", "path"));
        assertThat(typed.getStageVariables()).containsExactlyEntriesOf(Map.of("v", "w"));
        assertThat(typed.getBody()).isEqualTo("{\"k\":1}");
        assertThat(typed.getIsBase64Encoded()).isFalse();
        APIGatewayV2HTTPEvent.RequestContext rc = typed.getRequestContext();
        assertThat(rc.getAccountId()).isEqualTo("123456789012");
        assertThat(rc.getApiId()).isEqualTo("api");
        assertThat(rc.getDomainName()).isEqualTo("api.execute-api.us-east-1.localhost");
        assertThat(rc.getDomainPrefix()).isEqualTo("api");
        assertThat(rc.getRequestId()).isEqualTo("rid");
        assertThat(rc.getRouteKey()).isEqualTo("POST /my/{p}");
        assertThat(rc.getStage()).isEqualTo("prod");
        assertThat(rc.getTime()).isEqualTo("04/Mar/2020:19:03:58 +0000");
        assertThat(rc.getTimeEpoch()).isEqualTo(Requests.TIME.toEpochMilli());
        assertThat(rc.getHttp().getMethod()).isEqualTo("POST");
        assertThat(rc.getHttp().getPath()).isEqualTo("/my/path");
        assertThat(rc.getHttp().getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(rc.getHttp().getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(rc.getHttp().getUserAgent()).isEqualTo("agent");
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.propertyStream().map(Map.Entry::getKey).toList();
    }

    private static JsonNode text(String value) {
        return Corpus.JSON.getNodeFactory().textNode(value);
    }
}
