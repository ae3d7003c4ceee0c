package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * What the asynchronous invocation ITs share: a server with shortened retry delays, Python functions, their log
 * files (the only trace a function leaves outside its sandbox) and the health document.
 */
final class AsyncTesting {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AsyncTesting() {
    }

    /** Starts a server with the test key pair and the given {@code GUST_*} settings, and waits until it is ready. */
    static GustProcess start(Path dataDir, Map<String, String> settings) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("GUST_ACCESS_KEY_ID", GustProcess.ACCESS_KEY);
        environment.put("GUST_SECRET_ACCESS_KEY", GustProcess.SECRET_KEY);
        GustProcess gust = GustProcess.launch(dataDir, environment);
        try {
            gust.awaitReady();
        } catch (Exception e) {
            gust.close();
            throw e;
        }
        return gust;
    }

    /** Creates a Python 3.12 function whose handler is {@code app.handler} in {@code code}. */
    static void createPython(LambdaClient lambda, String name, String code) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(FunctionLifecycleIT.ROLE)
                .handler("app.handler").timeout(10)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("app.py", code))))));
    }

    /** A handler that prints the event it receives as one JSON line: a destination that can be read back. */
    static final String PRINTS_EVENT = """
            import json
            def handler(event, context):
                print(json.dumps(event))
            """;

    /** A handler that prints one JSON line per attempt and then fails as the recordings' function does. */
    static final String FAILS = """
            import json, time
            def handler(event, context):
                print(json.dumps({"attemptAt": time.time(), "requestId": context.aws_request_id}))
                raise Exception("intentional failure")
            """;

    static InvokeResponse invokeEvent(LambdaClient lambda, String function, String payload) {
        return lambda.invoke(b -> b.functionName(function).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));
    }

    /** The {@code x-amzn-RequestId} of the answer, which Gust (as Lambda) uses as the invocation's request id. */
    static String requestId(InvokeResponse response) {
        return response.responseMetadata().requestId();
    }

    /** Everything every instance of {@code function} wrote so far: all its log streams, one after the other. */
    static String logs(Path dataDir, String function) {
        Path dir = TestServer.logGroupDir(dataDir, function);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    /** How many invocations with this request id started, counted by the platform's START lines. */
    static long starts(Path dataDir, String function, String requestId) {
        String start = "START RequestId: " + requestId + " Version: ";
        return logs(dataDir, function).lines().filter(line -> line.startsWith(start)).count();
    }

    /** The lines of {@code function}'s logs that are JSON objects. */
    static List<JsonNode> jsonLines(Path dataDir, String function) {
        List<JsonNode> objects = new ArrayList<>();
        for (String line : logs(dataDir, function).lines().toList()) {
            if (line.startsWith("{") && line.endsWith("}")) {
                try {
                    objects.add(JSON.readTree(line));
                } catch (IOException e) {
                    // a line being written, or output that merely looks like JSON
                }
            }
        }
        return objects;
    }

    /** The invocation records a printing destination received for the event with this request id. */
    static List<JsonNode> recordsFor(Path dataDir, String destination, String requestId) {
        return jsonLines(dataDir, destination).stream()
                .filter(node -> requestId.equals(node.at("/requestContext/requestId").asText(null)))
                .toList();
    }

    /** {@code GET /_gust/health}, parsed. */
    static JsonNode health(GustProcess gust) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(gust.endpoint() + "/_gust/health")).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("health answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code async} section of the health document for one function (missing node if absent). */
    static JsonNode asyncHealth(GustProcess gust, String function) {
        // functions of every account and region share the queue, so the health endpoint names them by ARN
        return health(gust).path("async").path("functions").path("arn:aws:lambda:us-east-1:000000000000:function:"
                + function);
    }

    /** Awaitility with timeouts meant for two shared cores and cold starts: outcomes, never speed. */
    static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
