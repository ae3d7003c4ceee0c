package dev.gust.edge.auth;

import static dev.gust.edge.auth.SigV4VerifierTest.CREDENTIALS;
import static dev.gust.edge.auth.SigV4VerifierTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.edge.EdgeException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;

/** Through a real Vert.x server, SDK-signed requests (raw path, raw query, body) authenticate; tampered ones do not. */
class VertxSignedRequestsTest {

    static Vertx vertx;
    static HttpServer server;
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Headers java.net.http sets itself, with the same values the signer saw. */
    static final Set<String> RESTRICTED = Set.of("host", "content-length");

    final SdkSigner sdk = SdkSigner.lambda(CREDENTIALS, NOW);

    @BeforeAll
    static void start() {
        SigV4Verifier verifier = new SigV4Verifier(CREDENTIALS, "us-east-1", "lambda", InstantSource.fixed(NOW));
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create()).handler(ctx -> {
            try {
                verifier.verify(VertxSignedRequests.of(ctx.request(), ctx.body().buffer()));
                ctx.response().end("authentic");
            } catch (EdgeException e) {
                ctx.response().setStatusCode(e.status()).end(e.failure().name());
            }
        });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void authenticatesAnEncodedArnPathWithLatestQualifier() throws Exception {
        HttpResponse<String> response = send(sdk.sign(local(SdkHttpMethod.GET,
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afoo/configuration")
                .putRawQueryParameter("Qualifier", "$LATEST").build()));

        assertThat(response.body()).isEqualTo("authentic");
    }

    @Test
    void authenticatesAJsonBody() throws Exception {
        byte[] body = "{\"key\":\"välue\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(sdk.sign(local(SdkHttpMethod.POST, "/2015-03-31/functions/foo/invocations")
                .putHeader("Content-Type", "application/json")
                .contentStreamProvider(() -> new ByteArrayInputStream(body)).build()));

        assertThat(response.body()).isEqualTo("authentic");
    }

    @Test
    void rejectsATamperedBody() throws Exception {
        WireRequest signed = sdk.sign(local(SdkHttpMethod.POST, "/2015-03-31/functions/foo/invocations")
                .contentStreamProvider(() -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8))).build());

        HttpResponse<String> response = send(signed.withBody("{\"x\":1}"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("INVALID_SIGNATURE");
    }

    @Test
    void rejectsAnUnsignedRequest() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.actualPort() + "/2015-03-31/functions/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("MISSING_TOKEN");
    }

    private static SdkHttpFullRequest.Builder local(SdkHttpMethod method, String encodedPath) {
        return SdkHttpFullRequest.builder().method(method).protocol("http").host("127.0.0.1")
                .port(server.actualPort()).encodedPath(encodedPath);
    }

    private static HttpResponse<String> send(WireRequest request) throws Exception {
        String query = request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery();
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + request.rawPath() + query))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }
}
