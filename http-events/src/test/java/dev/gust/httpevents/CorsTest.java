package dev.gust.httpevents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsTest {

    private static final CorsConfig EXAMPLE = new CorsConfig(false, List.of("content-type", "x-api-key"),
            List.of("GET", "POST"), List.of("https://app.example.com"), List.of("x-request-id"), 300);

    private static HttpRequest preflight(String origin) {
        return Requests.request("OPTIONS", "/items").header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build();
    }

    private static HttpResponse functionAnswer() {
        return new HttpResponse(200, List.of(new Header("Content-Type", "text/plain"),
                new Header("Access-Control-Allow-Origin", "https://evil.example"),
                new Header("access-control-expose-headers", "x-secret")), "ok".getBytes());
    }

    @Test
    void answersAnAllowedPreflightWithTheConfiguredHeaders() {
        HttpResponse response = Cors.preflight(EXAMPLE, preflight("https://app.example.com")).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers()).containsExactly(
                new Header("Access-Control-Allow-Origin", "https://app.example.com"),
                new Header("Access-Control-Allow-Methods", "GET,POST"),
                new Header("Access-Control-Allow-Headers", "content-type,x-api-key"),
                new Header("Access-Control-Max-Age", "300"),
                new Header("Vary", "Origin"));
    }

    @Test
    void answersAnHttpApiPreflightWith204() {
        HttpResponse response = Cors.preflight(Cors.Service.HTTP_API, EXAMPLE, preflight("https://app.example.com"))
                .orElseThrow();

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
    }

    @Test
    void answersADisallowedOriginsPreflightWithoutAllowHeaders() {
        HttpResponse response = Cors.preflight(EXAMPLE, preflight("https://other.example.com")).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers()).isEmpty();
    }

    @Test
    void leavesRequestsThatAreNotPreflightsToTheFunction() {
        assertThat(Cors.preflight(EXAMPLE, Requests.request("OPTIONS", "/").header("Origin", "https://app.example.com")
                .build())).isEqualTo(Optional.empty());
        assertThat(Cors.preflight(EXAMPLE, Requests.request("OPTIONS", "/")
                .header("Access-Control-Request-Method", "GET").build())).isEmpty();
        assertThat(Cors.preflight(EXAMPLE, Requests.get("/").header("Origin", "https://app.example.com")
                .header("Access-Control-Request-Method", "GET").build())).isEmpty();
    }

    @Test
    void answersAStarOriginWithAStar() {
        CorsConfig any = new CorsConfig(false, List.of(), List.of("*"), List.of("*"), List.of(), null);

        HttpResponse response = Cors.preflight(any, preflight("https://anyone.example")).orElseThrow();

        assertThat(response.headers()).containsExactly(new Header("Access-Control-Allow-Origin", "*"),
                new Header("Access-Control-Allow-Methods", "*"));
    }

    @Test
    void allowsEveryOriginOfASchemeWithAWildcardEntry() {
        CorsConfig https = new CorsConfig(false, List.of(), List.of("GET"), List.of("https://*"), List.of(), null);

        HttpResponse allowed = Cors.preflight(https, preflight("https://app.example.org")).orElseThrow();
        HttpResponse refused = Cors.preflight(https, preflight("http://app.example.org")).orElseThrow();

        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example.org");
        assertThat(refused.headers()).isEmpty();
    }

    @Test
    void echoesOriginMethodAndHeadersWhenCredentialsAreAllowedWithStars() {
        CorsConfig credentials = new CorsConfig(true, List.of("*"), List.of("*"), List.of("*"), List.of(), null);

        HttpResponse response = Cors.preflight(credentials, preflight("https://anyone.example")).orElseThrow();

        assertThat(response.headers()).containsExactly(
                new Header("Access-Control-Allow-Origin", "https://anyone.example"),
                new Header("Access-Control-Allow-Credentials", "true"),
                new Header("Access-Control-Allow-Methods", "POST"),
                new Header("Access-Control-Allow-Headers", "content-type"),
                new Header("Vary", "Origin"));
    }

    @Test
    void replacesTheFunctionsCorsHeadersForAnAllowedOrigin() {
        HttpRequest request = Requests.get("/items").header("Origin", "https://app.example.com").build();

        HttpResponse response = Cors.apply(EXAMPLE, request, functionAnswer());

        assertThat(response.headers()).containsExactly(new Header("Content-Type", "text/plain"),
                new Header("Access-Control-Allow-Origin", "https://app.example.com"),
                new Header("Access-Control-Expose-Headers", "x-request-id"),
                new Header("Vary", "Origin"));
        assertThat(response.bodyText()).isEqualTo("ok");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void dropsTheFunctionsCorsHeadersForADisallowedOrMissingOrigin() {
        HttpResponse other = Cors.apply(EXAMPLE,
                Requests.get("/").header("Origin", "https://evil.example").build(), functionAnswer());
        HttpResponse none = Cors.apply(EXAMPLE, Requests.get("/").build(), functionAnswer());

        assertThat(other.headers()).containsExactly(new Header("Content-Type", "text/plain"));
        assertThat(none.headers()).containsExactly(new Header("Content-Type", "text/plain"));
    }

    @Test
    void addsCredentialsAndKeepsAnExistingVaryOrigin() {
        CorsConfig credentials = new CorsConfig(true, List.of(), List.of(), List.of("https://app.example.com"),
                List.of(), null);
        HttpResponse answer = new HttpResponse(200, List.of(new Header("Vary", "Accept-Encoding, Origin")), null);

        HttpResponse response = Cors.apply(credentials,
                Requests.get("/").header("origin", "https://app.example.com").build(), answer);

        assertThat(response.headers()).containsExactly(new Header("Vary", "Accept-Encoding, Origin"),
                new Header("Access-Control-Allow-Origin", "https://app.example.com"),
                new Header("Access-Control-Allow-Credentials", "true"));
    }
}
