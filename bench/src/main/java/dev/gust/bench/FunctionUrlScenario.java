package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A warm request through a public function URL (the path form, unsigned) beside a direct warm Invoke of the same
 * no-op function and the floor, in one run, at concurrency 1 and 32: what the URL's data plane (event built, answer
 * mapped, policy checked) adds to an invoke. The function is the {@code provided} no-op when that runtime is measured,
 * else Python's.
 */
final class FunctionUrlScenario implements Scenario {

    static final List<Integer> CONCURRENCIES = List.of(1, 32);

    @Override
    public String name() {
        return "function-url";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        NoopFunctions.Runtime runtime = NoopFunctions.providedOrPython(context);
        result.put("runtime", runtime.runtime());
        try (FloorServer floor = FloorServer.start(context.workDir(), "auto")) {
            result.set("floor", Curves.measure(context, () -> floor.request("{}"), CONCURRENCIES));
        }
        try (GustProcess gust = GustProcess.start(context, "function-url", Map.of(), List.of())) {
            String name = "url-" + runtime.key();
            gust.lambda().createFunction(name, runtime.runtime(), runtime.handler(), runtime.zip(), runtime.memoryMb());
            gust.lambda().awaitReady(name);
            String path = publicUrl(gust, name);
            RequestTemplate url = RequestTemplate.of("GET", "127.0.0.1", gust.port(), path, Map.of(), new byte[0]);
            // warm as many instances as the highest concurrency will use, through both doors
            LoadGenerator.run(url, CONCURRENCIES.getLast(), context.warmup(), context.warmup());
            LoadGenerator.run(gust.invokeRequest(name, "{}", Map.of()), CONCURRENCIES.getLast(), context.warmup(),
                    context.warmup());
            ArrayNode invoke = Curves.measure(context, () -> gust.invokeRequest(name, "{}", Map.of()), CONCURRENCIES);
            ArrayNode viaUrl = Curves.measure(context, () -> url, CONCURRENCIES);
            result.set("invoke", invoke);
            result.set("url", viaUrl);
            result.put("instances", gust.instances());
            double p50 = Curves.at(viaUrl, 1).path("p50_ms").asDouble()
                    / Curves.at(invoke, 1).path("p50_ms").asDouble();
            double rps = Curves.at(viaUrl, 32).path("rps").asDouble() / Curves.at(invoke, 32).path("rps").asDouble();
            result.put("url_p50_over_invoke_c1", LoadResult.round(p50));
            result.put("url_rps_over_invoke_c32", LoadResult.round(rps));
        }
        return result;
    }

    /** Creates a public URL for {@code function} (with the permission it needs) and returns its path form's path. */
    private static String publicUrl(GustProcess gust, String function) throws IOException {
        byte[] permission = ("{\"StatementId\":\"public\",\"Action\":\"lambda:InvokeFunctionUrl\",\"Principal\":\"*\","
                + "\"FunctionUrlAuthType\":\"NONE\"}").getBytes(StandardCharsets.UTF_8);
        LambdaHttp.require(gust.lambda().call("POST", "/2015-03-31/functions/" + function + "/policy", "", permission,
                Map.of("Content-Type", "application/json")), 201, "AddPermission");
        HttpResponse<String> created = gust.lambda().call("POST", "/2021-10-31/functions/" + function + "/url", "",
                "{\"AuthType\":\"NONE\"}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json"));
        LambdaHttp.require(created, 201, "CreateFunctionUrlConfig");
        JsonNode config = LambdaHttp.JSON.readTree(created.body());
        String id = URI.create(config.path("FunctionUrl").asText()).getHost().split("\\.")[0];
        return "/_gust/lambda-url/" + id + "/";
    }
}
