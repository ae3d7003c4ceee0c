package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadV1EventTest {

    private static final String REST_TEST =
            "tests/aws/services/apigateway/test_apigateway_lambda.py::test_lambda_aws_proxy_integration";

    private static JsonNode recordedRest(String name) {
        return Corpus.recording("apigateway/test_apigateway_lambda.snapshot.json", REST_TEST).get(name);
    }

    private static EventContext restProxy(String proxy) {
        return EventContext.builder().accountId("111111111111").apiId("a1b2c3d4e5")
                .domainName("a1b2c3d4e5.execute-api.us-east-1.localhost").domainPrefix("a1b2c3d4e5")
                .requestId("5e1c6c2a-1c5b-4d1f-9d1a-0a6b1a7e9f10").stage("stage").resourcePath("/{proxy+}")
                .resourceId("k3l4m5").deploymentId("d7e8f9").pathParameters(Map.of("proxy", proxy)).build();
    }

    private static JsonNode rest(HttpRequest request, EventContext context) {
        return Corpus.tree(PayloadV1.event(PayloadV1.Kind.REST_API, request, context));
    }

    /** {@code recorded} with each LocalStack placeholder ({@code <...>}) replaced by what {@code actual} has there. */
    private static JsonNode resolvePlaceholders(JsonNode recorded, JsonNode actual) {
        if (recorded.isTextual() && recorded.asText().matches("<[^>]+>") && actual != null) {
            return actual;
        }
        if (recorded.isObject()) {
            ObjectNode copy = Corpus.JSON.createObjectNode();
            recorded.properties().forEach(field -> copy.set(field.getKey(),
                    resolvePlaceholders(field.getValue(), actual == null ? null : actual.get(field.getKey()))));
            return copy;
        }
        if (recorded.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = Corpus.JSON.createArrayNode();
            for (int i = 0; i < recorded.size(); i++) {
                copy.add(resolvePlaceholders(recorded.get(i), actual == null ? null : actual.get(i)));
            }
            return copy;
        }
        return recorded;
    }

    @Test
    void matchesTheRecordedRestProxyEventFieldByField() {
        JsonNode recorded = recordedRest("invocation-payload-without-trailing-slash");
        Requests request = Requests.get("/proxy-value");
        recorded.get("headers").properties().forEach(h -> request.header(h.getKey(),
                h.getValue().asText().startsWith("<") ? "value-of-" + h.getKey() : h.getValue().asText()));

        JsonNode event = rest(request.build(), restProxy("proxy-value"));

        assertThat(event).isEqualTo(resolvePlaceholders(recorded, event));
        assertThat(event.at("/requestContext/path").asText()).isEqualTo("/stage/proxy-value");
        assertThat(event.at("/requestContext/requestTime").asText()).isEqualTo("04/Mar/2020:19:03:58 +0000");
        assertThat(event.at("/requestContext/requestTimeEpoch").asLong()).isEqualTo(1583348638390L);
        assertThat(event.at("/requestContext/extendedRequestId").asText()).matches("[A-Za-z0-9+/]{15}=");
    }

    @Test
    void writesTheRestEventInAwsOrder() {
        JsonNode event = rest(Requests.get("/x").build(), restProxy("x"));

        assertThat(event.propertyStream().map(Map.Entry::getKey)).containsExactly("resource", "path", "httpMethod",
                "headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters",
                "pathParameters", "stageVariables", "requestContext", "body", "isBase64Encoded");
        assertThat(event.get("requestContext").propertyStream().map(Map.Entry::getKey)).containsExactly(
                "resourceId", "resourcePath", "httpMethod", "extendedRequestId", "requestTime", "path", "accountId",
                "protocol", "stage", "domainPrefix", "requestTimeEpoch", "requestId", "identity", "domainName",
                "deploymentId", "apiId");
        assertThat(event.get("headers").isNull()).isTrue();
        assertThat(event.get("multiValueHeaders").isNull()).isTrue();
        assertThat(event.get("body").isNull()).isTrue();
    }

    /** Decoding ({@code +} is a space, {@code %2B} a plus) and a repeated key's last value, as recorded. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "invocation-payload-with-params-encoding, /proxy-value/api, dateTimeOffset=2023-06-12T18:05:10.123456+00:00"
                    + "&email=test%2Balias@gmail.com&plus=test+alias@gmail.com&url=https://www.google.com/"
                    + "&whitespace=foo%20bar&zhash=abort/",
            "invocation-payload-with-params-encoding-multi, /proxy-value,"
                    + " category=electronics&category=books&price=10&price=20&price=30"})
    void readsTheQueryLikeTheRecording(String recording, String path, String query) {
        JsonNode recorded = recordedRest(recording);

        JsonNode event = rest(Requests.get(path).query(query).build(), restProxy(path.substring(1)));

        assertThat(event.get("queryStringParameters")).isEqualTo(recorded.get("queryStringParameters"));
        assertThat(event.get("multiValueQueryStringParameters"))
                .isEqualTo(recorded.get("multiValueQueryStringParameters"));
    }

    @Test
    void keepsAnEncodedPathAsSentLikeTheRecording() {
        JsonNode recorded = recordedRest("invocation-payload-with-path-encoded-email");
        String path = recorded.get("path").asText();

        JsonNode event = rest(Requests.get(path).build(), restProxy(recorded.at("/pathParameters/proxy").asText()));

        assertThat(event.get("path").asText()).isEqualTo(path);
        assertThat(path).isEqualTo("/proxy-value/api/user/test%2Balias@gmail.com/plus/test+alias@gmail.com");
        assertThat(event.at("/requestContext/path").asText()).isEqualTo(recorded.at("/requestContext/path").asText());
    }

    @Test
    void givesRepeatedHeadersTheirLastValueAndKeepsTheirNamesAsSent() {
        JsonNode event = rest(Requests.get("/").header("X-Tag", "a").header("x-tag", "b").header("Accept", "*/*")
                .build(), restProxy(""));

        assertThat(event.get("headers")).isEqualTo(Corpus.JSON.createObjectNode().put("X-Tag", "b")
                .put("Accept", "*/*"));
        assertThat(event.at("/multiValueHeaders/X-Tag")).containsExactly(text("a"), text("b"));
    }

    @Test
    void passesARestBodyAsTextUnlessItsTypeIsABinaryMediaType() {
        byte[] body = {(byte) 0x89, 'P', 'N', 'G'};
        HttpRequest png = Requests.request("POST", "/").header("Content-Type", "image/png").body(body).build();
        HttpRequest json = Requests.request("POST", "/").header("Content-Type", "application/json").body("{}").build();

        JsonNode asText = rest(json, restProxy(""));
        JsonNode binary = Corpus.tree(PayloadV1.event(PayloadV1.Kind.REST_API, png, restProxy(""), List.of("image/*")));

        assertThat(asText.get("body").asText()).isEqualTo("{}");
        assertThat(asText.get("isBase64Encoded").asBoolean()).isFalse();
        assertThat(binary.get("body").asText()).isEqualTo(Base64.getEncoder().encodeToString(body));
        assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
    }

    @Test
    void matchesTheHttpApiPayload10ExampleFieldByField() {
        JsonNode fixture = Corpus.read(
                "aws-lambda-java-libs/aws-lambda-java-tests/src/test/resources/apigw_rest_event.json");
        HttpRequest request = Requests.get("/my/path").query("parameter1=value1&parameter2=value1&parameter2=value2")
                .header("header1", "value1").header("header2", "value1").header("header2", "value2")
                .header("user-agent", "user-agent").sourceIp("IP")
                .header("content-type", "text/plain").body("Hello from Lambda!")
                .time(Instant.ofEpochMilli(1583349317135L)).build();
        EventContext context = EventContext.builder().accountId("123456789012").apiId("id")
                .domainName("id.execute-api.us-east-1.amazonaws.com").domainPrefix("id").requestId("id=")
                .extendedRequestId("request-id").routeKey("GET /my/path").build();

        JsonNode event = Corpus.tree(PayloadV1.event(PayloadV1.Kind.HTTP_API, request, context));

        assertThat(event.propertyStream().map(Map.Entry::getKey))
                .containsExactlyElementsOf(fixture.propertyStream().map(Map.Entry::getKey).toList());
        assertThat(event.get("requestContext").propertyStream().map(Map.Entry::getKey)).containsExactlyElementsOf(
                fixture.get("requestContext").propertyStream().map(Map.Entry::getKey).toList());
        ObjectNode expected = fixture.deepCopy();
        ObjectNode actual = event.deepCopy();
        // the documented example writes header names capitalized and lists a Header3 it never sent; HTTP APIs
        // lower-case names (checked below)
        for (String field : List.of("headers", "multiValueHeaders")) {
            expected.remove(field);
            actual.remove(field);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(event.get("headers")).isEqualTo(Corpus.JSON.createObjectNode().put("header1", "value1")
                .put("header2", "value2").put("user-agent", "user-agent").put("content-type", "text/plain"));
        assertThat(event.at("/multiValueHeaders/header2")).containsExactly(text("value1"), text("value2"));
    }

    @Test
    void decodesAnHttpApisPathButNotARestApis() {
        HttpRequest request = Requests.get("/users/a%2Bb%40x").build();

        JsonNode httpApi = Corpus.tree(PayloadV1.event(PayloadV1.Kind.HTTP_API, request,
                EventContext.builder().routeKey("GET /users/{id}").build()));

        assertThat(httpApi.get("path").asText()).isEqualTo("/users/a+b@x");
        assertThat(httpApi.at("/requestContext/path").asText()).isEqualTo("/users/a+b@x");
        assertThat(rest(request, restProxy("users/a%2Bb%40x")).get("path").asText()).isEqualTo("/users/a%2Bb%40x");
    }

    @Test
    void encodesANonTextualHttpApiBodyInBase64() {
        HttpRequest request = Requests.request("POST", "/").header("Content-Type", "application/octet-stream")
                .body(new byte[] {0, 1, 2}).build();

        JsonNode event = Corpus.tree(PayloadV1.event(PayloadV1.Kind.HTTP_API, request,
                EventContext.builder().routeKey("$default").build()));

        assertThat(event.get("body").asText()).isEqualTo("AAEC");
        assertThat(event.get("isBase64Encoded").asBoolean()).isTrue();
        assertThat(event.get("resource").asText()).isEqualTo("$default");
    }

    @Test
    void arrivesWholeInTheJavaEventsTypeFromARestApi() {
        HttpRequest request = Requests.request("POST", "/items/42").query("a=1&a=2")
                .header("Content-Type", "application/json").header("User-Agent", "agent").body("{\"k\":1}").build();
        EventContext context = EventContext.builder().accountId("111111111111").apiId("api").domainName("dn")
                .domainPrefix("api").requestId("rid").stage("prod").resourcePath("/items/{id}").resourceId("r1")
                .pathParameters(Map.of("id", "42")).stageVariables(Map.of("v", "w")).build();

        APIGatewayProxyRequestEvent typed = Oracle.read(PayloadV1.event(PayloadV1.Kind.REST_API, request, context),
                APIGatewayProxyRequestEvent.class);

        assertThat(typed.getResource()).isEqualTo("/items/{id}");
        assertThat(typed.getPath()).isEqualTo("/items/42");
        assertThat(typed.getHttpMethod()).isEqualTo("POST");
        assertThat(typed.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("User-Agent", "agent");
        assertThat(typed.getMultiValueHeaders()).containsEntry("User-Agent", List.of("agent"));
        assertThat(typed.getQueryStringParameters()).containsExactlyEntriesOf(Map.of("a", "2"));
        assertThat(typed.getMultiValueQueryStringParameters()).containsEntry("a", List.of("1", "2"));
        assertThat(typed.getPathParameters()).containsExactlyEntriesOf(Map.of("id", "42"));
        assertThat(typed.getStageVariables()).containsExactlyEntriesOf(Map.of("v", "w"));
        assertThat(typed.getBody()).isEqualTo("{\"k\":1}");
        assertThat(typed.getIsBase64Encoded()).isFalse();
        APIGatewayProxyRequestEvent.ProxyRequestContext rc = typed.getRequestContext();
        assertThat(rc.getAccountId()).isEqualTo("111111111111");
        assertThat(rc.getApiId()).isEqualTo("api");
        assertThat(rc.getDomainName()).isEqualTo("dn");
        assertThat(rc.getDomainPrefix()).isEqualTo("api");
        assertThat(rc.getRequestId()).isEqualTo("rid");
        assertThat(rc.getExtendedRequestId()).hasSize(16);
        assertThat(rc.getStage()).isEqualTo("prod");
        assertThat(rc.getResourceId()).isEqualTo("r1");
        assertThat(rc.getResourcePath()).isEqualTo("/items/{id}");
        assertThat(rc.getHttpMethod()).isEqualTo("POST");
        assertThat(rc.getPath()).isEqualTo("/prod/items/42");
        assertThat(rc.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(rc.getRequestTime()).isEqualTo("04/Mar/2020:19:03:58 +0000");
        assertThat(rc.getRequestTimeEpoch()).isEqualTo(1583348638390L);
        assertThat(rc.getIdentity().getSourceIp()).isEqualTo("203.0.113.7");
        assertThat(rc.getIdentity().getUserAgent()).isEqualTo("agent");
        assertThat(rc.getIdentity().getUserArn()).isNull();
    }

    @Test
    void arrivesWholeInTheJavaEventsTypeFromAnHttpApi() {
        HttpRequest request = Requests.get("/items/42").header("User-Agent", "agent").build();
        EventContext context = EventContext.builder().accountId("111111111111").apiId("api").domainName("dn")
                .domainPrefix("api").requestId("rid=").routeKey("GET /items/{id}")
                .pathParameters(Map.of("id", "42")).build();

        APIGatewayProxyRequestEvent typed = Oracle.read(PayloadV1.event(PayloadV1.Kind.HTTP_API, request, context),
                APIGatewayProxyRequestEvent.class);

        assertThat(typed.getVersion()).isEqualTo("1.0");
        assertThat(typed.getResource()).isEqualTo("/items/{id}");
        assertThat(typed.getHeaders()).containsExactlyEntriesOf(Map.of("user-agent", "agent"));
        assertThat(typed.getQueryStringParameters()).isNull();
        assertThat(typed.getRequestContext().getExtendedRequestId()).isEqualTo("rid=");
        assertThat(typed.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(typed.getRequestContext().getPath()).isEqualTo("/items/42");
        assertThat(typed.getRequestContext().getAuthorizer()).containsKeys("claims", "scopes");
    }

    private static JsonNode text(String value) {
        return Corpus.JSON.getNodeFactory().textNode(value);
    }
}
