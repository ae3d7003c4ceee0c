package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * The typed oracle of function URLs: a Java function on the official runtime interface client takes the request as
 * aws-lambda-java-events' {@code APIGatewayV2HTTPEvent} and answers an {@code APIGatewayV2HTTPResponse}, which the
 * URL turns into its HTTP response.
 */
class FunctionUrlJavaIT {

    static final String HANDLER = """
            package example;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
            import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
            import java.util.List;
            import java.util.Map;
            public class Echo implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
                public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
                    var http = event.getRequestContext().getHttp();
                    String summary = String.join("|", event.getVersion(), event.getRouteKey(), event.getRawPath(),
                            event.getRawQueryString(), event.getQueryStringParameters().get("q"),
                            event.getHeaders().get("x-custom"), String.valueOf(event.getCookies()),
                            http.getMethod(), http.getPath(), http.getSourceIp(),
                            event.getRequestContext().getAccountId(), event.getRequestContext().getDomainPrefix(),
                            event.getRequestContext().getStage(), event.getRequestContext().getRequestId(),
                            event.getBody(), String.valueOf(event.getIsBase64Encoded()));
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(202)
                            .withHeaders(Map.of("content-type", "text/plain", "x-from", "java"))
                            .withCookies(List.of("k=v")).withBody(summary).build();
                }
            }
            """;

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
        lambda = LambdaClients.forServer(gust.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        lambda.close();
        gust.close();
    }

    @Test
    void aJavaFunctionTypedWithTheEventsLibraryReadsTheEventAndAnswersThroughTheUrl() throws Exception {
        Path eventsJar = jarOf(APIGatewayV2HTTPEvent.class);
        Map<String, byte[]> files = new LinkedHashMap<>(TestZips.javaClassFiles(work,
                Map.of("example/Echo.java", HANDLER), List.of(eventsJar)));
        files.put("lib/" + eventsJar.getFileName(), Files.readAllBytes(eventsJar));
        new TestFunctions(lambda).create("java-url", "java21", "example.Echo::handleRequest",
                TestZips.zipBytes(files), b -> b.memorySize(512).timeout(30));
        lambda.addPermission(b -> b.functionName("java-url").statementId("public").action("lambda:InvokeFunctionUrl")
                .principal("*").functionUrlAuthType(FunctionUrlAuthType.NONE));
        String url = lambda.createFunctionUrlConfig(b -> b.functionName("java-url").authType(FunctionUrlAuthType.NONE))
                .functionUrl();
        String id = URI.create(url).getHost().split("\\.")[0];

        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gust.endpoint().getPort()
                            + "/_gust/lambda-url/" + id + "/items/7?q=search&x=1")).header("x-custom", "custom value")
                    .header("Cookie", "a=1").header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString("payload")).build(), HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(response.headers().firstValue("x-from")).contains("java");
        assertThat(response.headers().firstValue("content-type")).contains("text/plain");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("k=v");
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        assertThat(response.body()).isEqualTo(String.join("|", "2.0", "$default", "/items/7", "q=search&x=1",
                "search", "custom value", "[a=1]", "PUT", "/items/7", "127.0.0.1", "anonymous", id, "$default",
                requestId, "payload", "false"));
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
