package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A warm request through an API Gateway HTTP API route (quick create: {@code $default} route, payload 2.0) beside a
 * direct warm Invoke of the same no-op function and the floor, in the same run, at concurrency 1 and 32: what the
 * HTTP trigger adds (route choice, the permission check, the 2.0 event, the response mapping).
 */
final class HttpApiScenario implements Scenario {

    private static final List<Integer> CONCURRENCIES = List.of(1, 32);

    @Override
    public String name() {
        return "http-api";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        NoopFunctions.Runtime runtime = NoopFunctions.all(context.workDir()).stream()
                .filter(r -> context.measures(r.key())).findFirst().orElseThrow();
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("runtime", runtime.runtime());
        try (GustProcess gust = GustProcess.start(context, "http-api", Map.of(), List.of())) {
            String name = "noop-" + runtime.key();
            gust.lambda().createFunction(name, runtime.runtime(), runtime.handler(), runtime.zip(), runtime.memoryMb());
            gust.lambda().awaitReady(name);
            allowApiGateway(gust, name);
            String apiId = createApi(gust, "arn:aws:lambda:" + GustProcess.REGION + ":000000000000:function:" + name);
            String path = "/_gust/execute-api/" + apiId + "/";
            RequestTemplate route = RequestTemplate.of("GET", "127.0.0.1", gust.port(), path, Map.of(), new byte[0]);
            LoadGenerator.run(route, CONCURRENCIES.getLast(), context.warmup(), context.warmup());
            result.set("invoke", Curves.measure(context, () -> gust.invokeRequest(name, "{}", Map.of()),
                    CONCURRENCIES));
            result.set("http_api", Curves.measure(context, () -> route, CONCURRENCIES));
            result.put("instances", gust.instances());
        }
        try (FloorServer floor = FloorServer.start(context.workDir(), "auto")) {
            result.set("floor", Curves.measure(context, () -> floor.request("{}"), CONCURRENCIES));
        }
        ArrayNode invoke = (ArrayNode) result.path("invoke");
        ArrayNode api = (ArrayNode) result.path("http_api");
        result.put("p50_added_c1", LoadResult.round(Curves.at(api, 1).path("p50_ms").asDouble()
                / Curves.at(invoke, 1).path("p50_ms").asDouble() - 1));
        result.put("rps_kept_c32", LoadResult.round(Curves.at(api, 32).path("rps").asDouble()
                / Curves.at(invoke, 32).path("rps").asDouble()));
        return result;
    }

    /** AddPermission: API Gateway may invoke {@code function} for any API of the account. */
    private static void allowApiGateway(GustProcess gust, String function) throws IOException {
        ObjectNode body = LambdaHttp.JSON.createObjectNode().put("StatementId", "http-api")
                .put("Action", "lambda:InvokeFunction").put("Principal", "apigateway.amazonaws.com")
                .put("SourceArn", "arn:aws:execute-api:" + GustProcess.REGION + ":000000000000:*");
        HttpResponse<String> response = gust.lambda().call("POST", "/2015-03-31/functions/" + function + "/policy", "",
                LambdaHttp.JSON.writeValueAsBytes(body), Map.of("Content-Type", "application/json"));
        if (response.statusCode() != 201) {
            throw new IOException("AddPermission: " + response.statusCode() + " " + response.body());
        }
    }

    /** CreateApi with quick create; returns the API's id. */
    private static String createApi(GustProcess gust, String functionArn) throws IOException, InterruptedException {
        byte[] body = LambdaHttp.JSON.writeValueAsBytes(LambdaHttp.JSON.createObjectNode().put("name", "bench")
                .put("protocolType", "HTTP").put("target", functionArn));
        String host = "127.0.0.1:" + gust.port();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + "/v2/apis"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        GustProcess.signer().sign("apigateway", "POST", host, "/v2/apis", "", body).forEach(request::header);
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 201) {
            throw new IOException("CreateApi: " + response.statusCode() + " " + response.body());
        }
        JsonNode api = LambdaHttp.JSON.readTree(response.body());
        return api.path("apiId").asText();
    }
}
