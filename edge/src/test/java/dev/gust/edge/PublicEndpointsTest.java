package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The edge's public endpoints ({@link ServiceRoutes#endpoint}): routed by host {@code <id>.<label>.<region>.<domain>}
 * or by the path form {@code /_gust/<label>/<id>/...}, signed or not, with bounded bodies, and authenticated and
 * authorized only when the endpoint asks.
 */
class PublicEndpointsTest {

    static EdgeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new EdgeFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theHostFormNamesTheIdAndTheRegionAndKeepsThePath() throws Exception {
        String answer = rawGet("AbC123.thing-url.eu-west-1.localhost:" + fixture.port(), "/items/a%2Fb?x=1&x=2");

        JsonObject echo = new JsonObject(body(answer));
        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(echo.getString("label")).isEqualTo("thing-url");
        assertThat(echo.getString("id")).isEqualTo("abc123");
        assertThat(echo.getString("region")).isEqualTo("eu-west-1");
        assertThat(echo.getBoolean("pathForm")).isFalse();
        assertThat(echo.getString("path")).isEqualTo("/items/a%2Fb");
        assertThat(echo.getString("rawQuery")).isEqualTo("x=1&x=2");
        assertThat(echo.getBoolean("signed")).isFalse();
        assertThat(echo.getString("sourceIp")).isEqualTo("127.0.0.1");
        assertThat(answer).containsIgnoringCase("x-amzn-RequestId: " + echo.getString("requestId"));
    }

    @Test
    void theHostFormWorksOnAnyDomain() throws Exception {
        String answer = rawGet("thing1.thing-url.us-east-1.example.com", "/");

        assertThat(new JsonObject(body(answer)).getString("id")).isEqualTo("thing1");
    }

    @Test
    void thePathFormNamesTheIdWithoutARegionAndStripsItsPrefix() throws Exception {
        JsonObject nested = get("/_gust/thing-url/Thing7/a/b?q=1");
        JsonObject bare = get("/_gust/thing-url/thing7");

        assertThat(nested.getString("id")).isEqualTo("thing7");
        assertThat(nested.getString("region")).isNull();
        assertThat(nested.getBoolean("pathForm")).isTrue();
        assertThat(nested.getString("path")).isEqualTo("/a/b");
        assertThat(nested.getString("rawQuery")).isEqualTo("q=1");
        assertThat(bare.getString("path")).isEqualTo("/");
    }

    @Test
    void otherHostsAndPathsAreNotTheEndpoints() throws Exception {
        String otherLabel = rawGet("thing1.other-url.us-east-1.localhost", "/_gust/health");
        HttpResponse<String> noId = fixture.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + fixture.port() + "/_gust/thing-url/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(body(otherLabel)).isEqualTo("ok");
        assertThat(noId.body()).doesNotContain("\"label\"");
    }

    @Test
    void aSignedRequestReachesTheEndpointWithItsBodyAndIsAuthenticatedWhenItAsks() throws Exception {
        HttpResponse<String> response = fixture.send("things", "POST", "/_gust/thing-url/mine/run",
                Map.of("X-Authorize", "yes", "Content-Type", "text/plain"), "hello");

        JsonObject echo = new JsonObject(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(echo.getBoolean("signed")).isTrue();
        assertThat(echo.getString("body")).isEqualTo("hello");
        assertThat(echo.getString("caller")).isEqualTo("arn:aws:iam::000000000000:root");
    }

    @Test
    void anUnsignedRequestToAnEndpointThatAuthenticatesGetsTheServicesMissingTokenError() throws Exception {
        HttpResponse<String> response = fixture.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + fixture.port() + "/_gust/thing-url/mine")).header("X-Authorize", "yes").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
    }

    @Test
    void aRequestSignedForAnotherServiceIsRefused() throws Exception {
        HttpResponse<String> response = fixture.send("jsonthings", "GET", "/_gust/thing-url/mine",
                Map.of("X-Authorize", "yes"), null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("InvalidSignatureException");
    }

    @Test
    void authorizationEvaluatesTheResourcesPolicyAndTheCallersPolicies() throws Exception {
        HttpResponse<String> locked = fixture.send("things", "GET", "/_gust/thing-url/locked",
                Map.of("X-Authorize", "yes"), null);
        HttpResponse<String> carlasOwn = fixture.send("things", EdgeFixture.USER, null, "GET",
                "/_gust/thing-url/carla-1", Map.of("X-Authorize", "yes"), null);
        HttpResponse<String> stranger = fixture.send("things", EdgeFixture.STRANGER, null, "GET",
                "/_gust/thing-url/mine", Map.of("X-Authorize", "yes"), null);

        assertThat(locked.statusCode()).isEqualTo(403);
        assertThat(locked.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
        assertThat(locked.body()).contains("things:InvokeThing", "with an explicit deny in a resource-based policy");
        assertThat(carlasOwn.statusCode()).as(carlasOwn.body()).isEqualTo(200);
        assertThat(stranger.statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyOverTheBoundIsAnsweredByTheEndpointUnreadAndClosesTheConnection() throws Exception {
        HttpResponse<String> response = fixture.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + fixture.port() + "/_gust/thing-url/big")).POST(
                java.net.http.HttpRequest.BodyPublishers.ofString("x".repeat(EdgeFixture.MAX_BYTES + 1))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("too large for big");
        assertThat(response.headers().firstValue("Connection")).contains("close");
    }

    @Test
    void aLabelIsOneHostLabelAndBelongsToOneEndpoint() {
        var endpoint = new HostedRoutes.PublicEndpoint(null, 1, new EdgeFixture.EchoEndpoint());

        assertThatThrownBy(() -> fixture.edge.endpoint(EdgeFixture.ENDPOINT_LABEL, endpoint))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two endpoints");
        assertThatThrownBy(() -> fixture.edge.endpoint("a.b", endpoint))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one host label");
    }

    private static JsonObject get(String pathAndQuery) throws Exception {
        HttpResponse<String> response = fixture.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                "http://127.0.0.1:" + fixture.port() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new JsonObject(response.body());
    }

    /** A GET with {@code host} as its Host header, over a raw socket (Java's client will not set Host). */
    private static String rawGet(String host, String path) throws IOException {
        try (Socket socket = EdgeFixture.raw(fixture.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n")) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }
}
