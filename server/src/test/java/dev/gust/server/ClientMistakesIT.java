package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.server.LambdaRequestFuzzer.FuzzRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Nothing a client sends gets a 5xx: signed requests generated over the Lambda API model with wrong types, missing
 * and extra members, odd content types, bad JSON, bad paths and query strings and other methods, and malformed raw
 * HTTP. Every 4xx has Lambda's error shape, and no response names the data dir.
 */
class ClientMistakesIT {

    /** Bounded so that the run takes a few seconds; the seed makes a failure reproducible. */
    private static final int FUZZED_REQUESTS = 1500;
    private static final long SEED = 21;
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static TestServer server;
    static GustProcess gust;
    static LambdaClient lambda;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of());
        gust = server.gust();
        lambda = server.lambda();
        lambda.createFunction(b -> b.functionName("existing").runtime(Runtime.PYTHON3_12).role(FunctionLifecycleIT.ROLE)
                .handler("lambda_function.lambda_handler")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.pythonHandler("1")))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void fuzzedControlPlaneRequestsGetNoServerErrorAndAwsErrorShapes() throws Exception {
        LambdaRequestFuzzer fuzzer = new LambdaRequestFuzzer(LambdaModel.load(), gust.endpoint(), SEED);
        List<String> problems = new ArrayList<>();
        int clientErrors = 0;
        for (int i = 0; i < FUZZED_REQUESTS; i++) {
            FuzzRequest request = fuzzer.next();
            RawHttp.Response response = RawHttp.exchange(gust.endpoint(), request.wire());
            String problem = problem(response, isHead(request));
            if (problem != null) {
                problems.add(problem + " <- " + shown(request.description()));
            }
            if (response.status() >= 400) {
                clientErrors++;
            }
        }
        assertThat(problems).as("responses that break the rules; the server said:%n%s", serverErrors()).isEmpty();
        assertThat(clientErrors).as("the generator reaches validation, not only successes")
                .isGreaterThan(FUZZED_REQUESTS / 2);
        assertThat(lambda.listFunctions().sdkHttpResponse().statusCode()).as("the server still serves").isEqualTo(200);
    }

    @Test
    void fuzzedRestApiRequestsGetNoServerErrorAndApiGatewaysErrorShapes() throws Exception {
        JsonNode api = apiGateway("POST", "/restapis", "{\"name\":\"fuzzed\"}");
        String id = api.path("id").asText();
        String root = api.path("rootResourceId").asText();
        String resource = apiGateway("POST", "/restapis/" + id + "/resources/" + root, "{\"pathPart\":\"{proxy+}\"}")
                .path("id").asText();
        apiGateway("PUT", "/restapis/" + id + "/resources/" + resource + "/methods/ANY",
                "{\"authorizationType\":\"NONE\"}");
        apiGateway("PUT", "/restapis/" + id + "/resources/" + resource + "/methods/ANY/integration",
                "{\"type\":\"AWS_PROXY\",\"httpMethod\":\"POST\",\"uri\":\"arn:aws:apigateway:us-east-1:lambda:path/"
                        + "2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:existing/invocations\"}");
        String deployment = apiGateway("POST", "/restapis/" + id + "/deployments", "{\"stageName\":\"prod\"}")
                .path("id").asText();
        LambdaRequestFuzzer fuzzer = new LambdaRequestFuzzer(LambdaModel.load(
                "/corpus/botocore/botocore/data/apigateway/2015-07-09/service-2.json"), gust.endpoint(), SEED,
                "apigateway", operation -> operation.requestUri().startsWith("/restapis"),
                List.of(id, id, root, resource, resource, deployment, "prod", "GET", "ANY", "AWS_PROXY", "NONE",
                        "AWS_IAM", "/variables/a", "replace", "overwrite", "import", "openapi: 3.0.1"));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < FUZZED_REQUESTS / 2; i++) {
            FuzzRequest request = fuzzer.next();
            RawHttp.Response response = RawHttp.exchange(gust.endpoint(), request.wire());
            String problem = problem(response, isHead(request));
            if (problem != null) {
                problems.add(problem + " <- " + shown(request.description()));
            }
        }
        assertThat(problems).as("responses that break the rules; the server said:%n%s", serverErrors()).isEmpty();
        assertThat(apiGateway("GET", "/restapis/" + id + "/stages/prod", "").path("stageName").asText())
                .as("the server still serves").isEqualTo("prod");
    }

    /** A signed API Gateway request that must succeed; its JSON answer. */
    private static JsonNode apiGateway(String method, String target, String body) throws Exception {
        RawHttp.Response response = RawHttp.exchange(gust.endpoint(), RawHttp.signedFor(gust.endpoint(), "apigateway",
                method, target, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8)));
        assertThat(response.status()).as(method + " " + target + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    @Test
    void fuzzedRequestsToTheOtherHostedServicesGetNoServerError() throws Exception {
        HostedServicesFuzzer fuzzer = new HostedServicesFuzzer(gust.endpoint(), SEED, httpApi());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < FUZZED_REQUESTS / 3; i++) {
            FuzzRequest request = fuzzer.next();
            RawHttp.Response response = RawHttp.exchange(gust.endpoint(), request.wire());
            if (response.status() == 0 || response.status() >= 500
                    || (response.headers() + response.body()).contains(dataDir.toString())) {
                problems.add(response.status() + " " + shown(response.body()) + " <- " + request.description());
            }
        }
        assertThat(problems).as("the server said:%n%s", serverErrors()).isEmpty();
    }

    @Test
    void fuzzedSqsRequestsGetNoServerError() throws Exception {
        for (String queue : new String[] {"fuzz", "fuzz.fifo"}) {
            byte[] body = ("Action=CreateQueue&Version=2012-11-05&QueueName=" + queue
                    + (queue.endsWith(".fifo") ? "&Attribute.1.Name=FifoQueue&Attribute.1.Value=true" : ""))
                    .getBytes(StandardCharsets.UTF_8);
            RawHttp.Response created = RawHttp.exchange(gust.endpoint(), RawHttp.signedFor(gust.endpoint(), "sqs",
                    "POST", "/", Map.of("Content-Type", "application/x-www-form-urlencoded"), body));
            assertThat(created.status()).as(created.body()).isEqualTo(200);
        }
        SqsRequestFuzzer fuzzer = new SqsRequestFuzzer(gust.endpoint(), SEED);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < FUZZED_REQUESTS / 5; i++) {
            FuzzRequest request = fuzzer.next();
            RawHttp.Response response = RawHttp.exchange(gust.endpoint(), request.wire());
            if (response.status() == 0 || response.status() >= 500
                    || (response.headers() + response.body()).contains(dataDir.toString())
                    || (response.status() >= 400 && response.body().contains("Exception:"))) {
                problems.add(response.status() + " " + shown(response.body()) + " <- " + request.description());
            }
        }
        assertThat(problems).as("the server said:%n%s", serverErrors()).isEmpty();
    }

    /** Creates an HTTP API with quick create (over the function {@code existing}) and returns its id. */
    private static String httpApi() throws Exception {
        byte[] body = ("{\"name\":\"fuzzed\",\"protocolType\":\"HTTP\",\"target\":"
                + "\"arn:aws:lambda:us-east-1:000000000000:function:existing\"}").getBytes(StandardCharsets.UTF_8);
        RawHttp.Response created = RawHttp.exchange(gust.endpoint(), RawHttp.signedFor(gust.endpoint(), "apigateway",
                "POST", "/v2/apis", Map.of("Content-Type", "application/json"), body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("apiId").asText();
    }

    @Test
    void malformedRawHttpGetsAClientError() throws Exception {
        String host = "Host: " + gust.endpoint().getHost() + ":" + gust.endpoint().getPort() + "\r\n";
        List<String> requests = List.of(
                "CONNECT example.com:443 HTTP/1.1\r\n" + host + "\r\n",
                "GET /2015-03-31/functions/ HTTP/1.1\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\n" + host + "\r\n",
                "GET http://example.com/2015-03-31/functions/ HTTP/1.1\r\n" + host + "\r\n",
                "GET /2015-03-31/functions/%zz HTTP/1.1\r\n" + host + "\r\n",
                "GET /2015-03-31/functions/% HTTP/1.1\r\n" + host + "\r\n",
                "GET /2015-03-31/functions/?Marker=%G0 HTTP/1.1\r\n" + host + "\r\n",
                "GET / HTTP/1.1\r\n" + host + "X-Long: " + "a".repeat(70_000) + "\r\n\r\n",
                "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n" + host + "\r\n",
                "GET /2015-03-31/functions/ HTTP/1.0\r\n\r\n",
                "GET /2015-03-31/functions/ HTTP/1.0\r\n" + host + "\r\n",
                "GET /2015-03-31/functions/ HTTP/2.0\r\n" + host + "\r\n",
                "GET /2015-03-31/functions/ HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n",
                "POST /2015-03-31/functions HTTP/1.1\r\n" + host + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "GET /2015-03-31/functions/ HTTP/1.1\r\n" + host + "Authorization: AWS4-HMAC-SHA256 Credential=\r\n\r\n",
                "GET /2015-03-31/functions/ HTTP/1.1\r\n" + host + "Authorization: \u00ff\u00fe\r\n\r\n",
                "GET /2015-03-31/functions/ HTTP/1.1\r\n" + host + "Bad Header\r\n\r\n",
                "FOO /2015-03-31/functions/ HTTP/1.1\r\n" + host + "\r\n",
                "\u0000\u0001\u0002junk\r\n\r\n",
                "GET\r\n\r\n",
                "GET /_gust/health?%=% HTTP/1.1\r\n" + host + "\r\n",
                "GET /_gust/code/%zz HTTP/1.1\r\n" + host + "\r\n");
        List<String> problems = new ArrayList<>();
        for (String request : requests) {
            RawHttp.Response response = RawHttp.exchange(gust.endpoint(), request.getBytes(StandardCharsets.ISO_8859_1));
            if (response.status() >= 500 || response.status() == 0 && !response.body().isEmpty()) {
                problems.add(response.status() + " " + response.body() + " <- " + shown(request));
            } else if (response.status() == 0) {
                continue; // the connection was closed unanswered: no 5xx, nothing disclosed
            } else if (response.status() < 400 && !request.startsWith("GET /_gust/health")) {
                problems.add("not refused: " + response.status() + " <- " + shown(request));
            } else if (response.body().contains(dataDir.toString())) {
                problems.add("names the data dir <- " + shown(request));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void fuzzedFunctionUrlConfigRequestsGetNoServerErrorAndAwsErrorShapes() throws Exception {
        LambdaRequestFuzzer fuzzer = new LambdaRequestFuzzer(LambdaModel.load(), gust.endpoint(), SEED);
        List<String> problems = new ArrayList<>();
        for (int sent = 0; sent < FUZZED_REQUESTS / 3; ) {
            FuzzRequest request = fuzzer.next();
            String operation = request.description().substring(0, request.description().indexOf(':'));
            if (!operation.contains("FunctionUrlConfig")) {
                continue; // only the function URL operations
            }
            sent++;
            String problem = problem(RawHttp.exchange(gust.endpoint(), request.wire()), isHead(request));
            if (problem != null) {
                problems.add(problem + " <- " + shown(request.description()));
            }
        }
        assertThat(problems).as("responses that break the rules; the server said:%n%s", serverErrors()).isEmpty();
    }

    @Test
    void oddRequestsToAFunctionUrlGetNoServerError() throws Exception {
        lambda.addPermission(b -> b.functionName("existing").statementId("public-url")
                .action("lambda:InvokeFunctionUrl").principal("*").functionUrlAuthType("NONE"));
        String url;
        try {
            url = lambda.createFunctionUrlConfig(b -> b.functionName("existing").authType("NONE")).functionUrl();
        } catch (software.amazon.awssdk.services.lambda.model.ResourceConflictException fuzzCreatedOne) {
            url = lambda.getFunctionUrlConfig(b -> b.functionName("existing")).functionUrl();
        }
        String id = java.net.URI.create(url).getHost().split("\\.")[0];
        String host = "Host: " + gust.endpoint().getHost() + ":" + gust.endpoint().getPort() + "\r\n";
        String hostForm = "Host: " + id + ".lambda-url.us-east-1.localhost\r\n";
        List<String> requests = List.of(
                "GET /_gust/lambda-url/" + id + "/%zz/%00/..%2f HTTP/1.1\r\n" + host + "\r\n",
                "GET /_gust/lambda-url/" + id + "/?a=%&b=%zz&&=&c HTTP/1.1\r\n" + host + "\r\n",
                "DELETE /_gust/lambda-url/" + id + " HTTP/1.1\r\n" + host + "\r\n",
                "FOO /x HTTP/1.1\r\n" + hostForm + "\r\n",
                "OPTIONS /x HTTP/1.1\r\n" + hostForm + "Origin: https://a\r\nAccess-Control-Request-Method: GET\r\n\r\n",
                "POST /x HTTP/1.1\r\n" + hostForm + "Content-Type: application/json\r\nContent-Length: 3\r\n\r\n{\u00ff}",
                "POST /x HTTP/1.1\r\n" + hostForm + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\n\u00c3(",
                "GET /x HTTP/1.1\r\n" + hostForm + "Cookie: ;;=;a\r\nX-Empty:\r\n\r\n",
                "GET /x HTTP/1.1\r\n" + hostForm + "Authorization: AWS4-HMAC-SHA256 Credential=x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: " + id + ".lambda-url.eu-west-1.localhost\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: nope.lambda-url.us-east-1.localhost\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: " + "a".repeat(300) + ".lambda-url.us-east-1.localhost\r\n\r\n",
                "GET /_gust/lambda-url/%zz/ HTTP/1.1\r\n" + host + "\r\n",
                "POST /x HTTP/1.1\r\n" + hostForm + "Content-Length: 7000000\r\n\r\nabc");
        List<String> problems = new ArrayList<>();
        for (String request : requests) {
            RawHttp.Response response = RawHttp.exchange(gust.endpoint(), request.getBytes(StandardCharsets.ISO_8859_1));
            if (response.status() >= 500 || response.status() == 0 && !response.body().isEmpty()
                    || response.body().contains(dataDir.toString())) {
                problems.add(response.status() + " " + response.body() + " <- " + shown(request));
            }
        }
        assertThat(problems).as("the server said:%n%s", serverErrors()).isEmpty();
    }

    private static boolean isHead(FuzzRequest request) {
        return request.description().contains(": HEAD ");
    }

    /** What is wrong with {@code response}, or null. */
    private static String problem(RawHttp.Response response, boolean head) {
        String everything = response.headers() + response.body();
        if (everything.contains(dataDir.toString())) {
            return "names the data dir: " + response.status() + " " + response.body();
        }
        if (response.status() == 0 || response.status() >= 500) {
            return "status " + response.status() + " " + response.body();
        }
        if (response.status() < 400) {
            return null;
        }
        String type = response.header("x-amzn-ErrorType");
        if (type == null || type.isBlank()) {
            return "no x-amzn-ErrorType: " + response.status() + " " + response.body();
        }
        if (head) {
            return null;
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            JsonNode message = body == null ? null : body.has("message") ? body.get("message") : body.get("Message");
            return message != null && message.isTextual() ? null : "no message member: " + response.body();
        } catch (Exception e) {
            return "body is no JSON: " + response.status() + " " + response.body();
        }
    }

    /** The server's log lines about failures, which name the exception behind a 5xx. */
    private static String serverErrors() {
        return gust.output().lines().filter(line -> line.contains("SEVERE") || line.contains("Exception")
                || line.contains("\tat dev.gust")).limit(80).reduce("", (a, b) -> a + b + "\n");
    }

    private static String shown(String request) {
        return request.length() > 300 ? request.substring(0, 300) + "..." : request;
    }
}
