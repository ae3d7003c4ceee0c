package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * {@code RESPONSE_STREAM} function URLs with Node.js functions that stream ({@code awslambda.streamifyResponse},
 * {@code awslambda.HttpResponseStream.from}): chunked HTTP whose first bytes reach the client while the function is
 * still writing, the HTTP-integration prelude as status and headers, and a failure before the first byte as a 502.
 */
class FunctionUrlStreamingIT {

    /** Answers 201 with headers and a cookie, writes, waits a second, writes again. */
    static final String SLOW_HTTP = """
            export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
              responseStream = awslambda.HttpResponseStream.from(responseStream, {
                statusCode: 201, headers: {'content-type': 'text/plain', 'x-stream': 'yes'}, cookies: ['s=1']});
              responseStream.write('first ');
              await new Promise((resolve) => setTimeout(resolve, 1000));
              responseStream.write('second');
              responseStream.end();
            });
            """;

    @TempDir
    static Path dataDir;
    static GustProcess gust;
    static LambdaClient lambda;
    static TestFunctions functions;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        lambda = LambdaClients.forServer(gust.endpoint());
        functions = new TestFunctions(lambda);
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        gust.close();
    }

    /** Creates a Node.js function from {@code source} with a public RESPONSE_STREAM URL, and returns its path form. */
    private static String streamingUrl(String name, String source) {
        functions.create(name, "nodejs20.x", "index.handler", Map.of("index.mjs", source));
        lambda.addPermission(b -> b.functionName(name).statementId("public").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        String url = lambda.createFunctionUrlConfig(b -> b.functionName(name).authType(FunctionUrlAuthType.NONE)
                .invokeMode("RESPONSE_STREAM")).functionUrl();
        return "http://127.0.0.1:" + gust.endpoint().getPort() + "/_gust/lambda-url/"
                + URI.create(url).getHost().split("\\.")[0] + "/";
    }

    @Test
    void thePreludeBecomesTheHeadAndTheFirstBytesArriveWhileTheFunctionStillWrites() throws Exception {
        String url = streamingUrl("slow-http", SLOW_HTTP);

        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        byte[] first;
        long firstAt;
        byte[] rest;
        long endAt;
        try (InputStream body = response.body()) {
            first = new byte[6];
            int read = body.readNBytes(first, 0, first.length);
            firstAt = System.nanoTime();
            assertThat(read).isEqualTo(6);
            rest = body.readAllBytes();
            endAt = System.nanoTime();
        }

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        assertThat(response.headers().firstValue("x-stream")).contains("yes");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("s=1");
        assertThat(response.headers().firstValue("transfer-encoding")).contains("chunked");
        assertThat(new String(first, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8))
                .isEqualTo("first second");
        assertThat(endAt - firstAt).as("the first bytes came before the function's one-second wait, not with the end")
                .isGreaterThan(TimeUnit.MILLISECONDS.toNanos(800));
    }

    @Test
    void aStreamWithoutAPreludeIsTheBodyOfA200WithTheDeclaredContentType() throws Exception {
        String url = streamingUrl("plain", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  responseStream.setContentType('text/csv');
                  responseStream.write('a,b\\n');
                  responseStream.end('1,2\\n');
                });
                """);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("text/csv");
        assertThat(response.body()).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void aFunctionThatFailsBeforeItsFirstByteIsA502() throws Exception {
        String url = streamingUrl("fails-early", """
                export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
                  throw new Error('nothing to stream');
                });
                """);

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("Internal Server Error");
    }
}
