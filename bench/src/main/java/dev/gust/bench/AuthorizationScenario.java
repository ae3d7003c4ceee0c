package dev.gust.bench;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the edge's authorization costs a warm invoke: the {@code provided} no-op function invoked by the account's
 * root (the short path: no policy to evaluate) and by a session of a role from {@code sts assume-role} (the full
 * path: request context with the global condition keys, identity-based policies evaluated), alternating point by
 * point on one server so that both see the same machine.
 */
final class AuthorizationScenario implements Scenario {

    private static final String FUNCTION = "noop-provided";
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench-invoker";

    @Override
    public String name() {
        return "authorization";
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        NoopFunctions.Runtime runtime = NoopFunctions.provided(context.workDir());
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        try (GustProcess gust = GustProcess.start(context, "authorization", Map.of(), List.of())) {
            gust.lambda().createFunction(FUNCTION, runtime.runtime(), runtime.handler(), runtime.zip(),
                    runtime.memoryMb());
            gust.lambda().awaitReady(FUNCTION);
            SigV4Signer session = assumeRole(gust.port());
            LoadGenerator.run(gust.invokeRequest(FUNCTION, "{}", Map.of()), context.concurrencies().getLast(),
                    context.warmup(), context.warmup());
            ArrayNode root = result.putObject("root").putArray("points");
            ArrayNode assumed = result.putObject("assumed_role").putArray("points");
            for (int connections : context.concurrencies()) {
                root.add(Curves.point(context, () -> gust.invokeRequest(FUNCTION, "{}", Map.of()), connections));
                assumed.add(Curves.point(context, () -> RequestTemplate.invoke(session, gust.port(), FUNCTION,
                        NoopFunctions.bytes("{}"), Map.of()), connections));
            }
        }
        return result;
    }

    /** Temporary credentials of a session of {@link #ROLE}, from the server's STS, signed by the root. */
    private static SigV4Signer assumeRole(int port) throws IOException, InterruptedException {
        byte[] body = ("Action=AssumeRole&Version=2011-06-15&RoleArn=" + ROLE
                + "&RoleSessionName=bench&DurationSeconds=43200").getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        GustProcess.signer().sign("sts", "POST", "127.0.0.1:" + port, "/", "", body).forEach(request::header);
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200) {
            throw new IOException("AssumeRole answered " + response.statusCode() + ": " + response.body());
        }
        return new SigV4Signer(element(response.body(), "AccessKeyId"), element(response.body(), "SecretAccessKey"),
                GustProcess.REGION, element(response.body(), "SessionToken"));
    }

    private static String element(String xml, String name) throws IOException {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        if (!matcher.find()) {
            throw new IOException("AssumeRole's answer has no " + name + ": " + xml);
        }
        return matcher.group(1);
    }
}
