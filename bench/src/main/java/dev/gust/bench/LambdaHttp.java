package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Lambda API calls the scenarios make outside the load loop (create, update, wait, list, one invoke with
 * its log tail), signed with SigV4 over {@link HttpClient}. Thread-safe.
 */
final class LambdaHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
    private static final Pattern DURATION = Pattern.compile("\tDuration: ([0-9.]+) ms");

    /** One invoke's outcome: the client-side latency, its REPORT line's durations, and its payload. */
    record Invoked(int status, double clientMs, double durationMs, Optional<Double> initDurationMs, String payload,
            boolean functionError) {
    }

    private final int port;
    private final SigV4Signer signer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    LambdaHttp(int port, SigV4Signer signer) {
        this.port = port;
        this.signer = signer;
    }

    HttpResponse<String> call(String method, String path, String query, byte[] body, Map<String, String> headers)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path
                        + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofMinutes(5))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        signer.sign(method, "127.0.0.1:" + port, path, query, body).forEach(request::header);
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    JsonNode health() throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/_gust/health")).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** CreateFunction; returns the response time in milliseconds. Fails on any status other than 201. */
    double createFunction(String name, String runtime, String handler, byte[] zip, int memoryMb) throws IOException {
        return createFunction(name, runtime, handler, zip, memoryMb, 30);
    }

    /** CreateFunction with a timeout in seconds; returns the response time in milliseconds. */
    double createFunction(String name, String runtime, String handler, byte[] zip, int memoryMb, int timeoutSeconds)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("FunctionName", name).put("Runtime", runtime).put("Handler", handler).put("Role", ROLE)
                .put("MemorySize", memoryMb).put("Timeout", timeoutSeconds);
        body.putObject("Code").put("ZipFile", Base64.getEncoder().encodeToString(zip));
        long start = System.nanoTime();
        HttpResponse<String> response = call("POST", "/2015-03-31/functions", "", JSON.writeValueAsBytes(body), Map.of(
                "Content-Type", "application/json"));
        double ms = (System.nanoTime() - start) / 1e6;
        require(response, 201, "CreateFunction " + name);
        return ms;
    }

    void updateFunctionCode(String name, byte[] zip) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("ZipFile", Base64.getEncoder().encodeToString(zip));
        require(call("PUT", "/2015-03-31/functions/" + name + "/code", "", JSON.writeValueAsBytes(body),
                Map.of("Content-Type", "application/json")), 200, "UpdateFunctionCode " + name);
    }

    /** Waits until the function's {@code State} is {@code Active} and its {@code LastUpdateStatus} is done. */
    void awaitReady(String name) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = call("GET", "/2015-03-31/functions/" + name + "/configuration", "",
                    new byte[0], Map.of());
            require(response, 200, "GetFunctionConfiguration " + name);
            JsonNode config = JSON.readTree(response.body());
            if (config.path("State").asText().equals("Active")
                    && !config.path("LastUpdateStatus").asText().equals("InProgress")) {
                return;
            }
            ChildProcess.sleep(5);
        }
        throw new IOException(name + " did not become active");
    }

    /** ListFunctions, one page; returns the parsed body. */
    JsonNode listFunctions(String marker, int maxItems) throws IOException {
        String query = (marker == null ? "" : "Marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8) + "&")
                + "MaxItems=" + maxItems;
        HttpResponse<String> response = call("GET", "/2015-03-31/functions/", query, new byte[0], Map.of());
        require(response, 200, "ListFunctions");
        return JSON.readTree(response.body());
    }

    /** One synchronous invoke with {@code LogType Tail}, timed from the client. */
    Invoked invoke(String name, String payload) throws IOException {
        long start = System.nanoTime();
        HttpResponse<String> response = call("POST", "/2015-03-31/functions/" + name + "/invocations", "",
                payload.getBytes(StandardCharsets.UTF_8), Map.of("X-Amz-Log-Type", "Tail"));
        double clientMs = (System.nanoTime() - start) / 1e6;
        String log = response.headers().firstValue("X-Amz-Log-Result")
                .map(b64 -> new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8)).orElse("");
        Matcher duration = DURATION.matcher(log);
        Matcher init = INIT.matcher(log);
        return new Invoked(response.statusCode(), clientMs, duration.find() ? Double.parseDouble(duration.group(1)) : -1,
                init.find() ? Optional.of(Double.parseDouble(init.group(1))) : Optional.empty(), response.body(),
                response.headers().firstValue("X-Amz-Function-Error").isPresent());
    }

    /**
     * CreateEventSourceMapping of an SQS queue to {@code function}; returns the mapping's UUID.
     *
     * @param windowSeconds {@code MaximumBatchingWindowInSeconds}
     */
    String createEventSourceMapping(String function, String queueArn, int batchSize, int windowSeconds)
            throws IOException {
        ObjectNode body = JSON.createObjectNode().put("FunctionName", function).put("EventSourceArn", queueArn)
                .put("BatchSize", batchSize).put("MaximumBatchingWindowInSeconds", windowSeconds);
        HttpResponse<String> response = call("POST", "/2015-03-31/event-source-mappings/", "",
                JSON.writeValueAsBytes(body), Map.of("Content-Type", "application/json"));
        require(response, 202, "CreateEventSourceMapping " + function);
        return JSON.readTree(response.body()).path("UUID").asText();
    }

    /** Waits until the mapping's {@code State} is {@code state} (such as {@code Enabled}). */
    void awaitMappingState(String uuid, String state) throws IOException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = call("GET", "/2015-03-31/event-source-mappings/" + uuid, "", new byte[0],
                    Map.of());
            require(response, 200, "GetEventSourceMapping " + uuid);
            seen = JSON.readTree(response.body()).path("State").asText();
            if (seen.equals(state)) {
                return;
            }
            ChildProcess.sleep(20);
        }
        throw new IOException("mapping " + uuid + " is " + seen + ", not " + state);
    }

    /** DeleteEventSourceMapping (its pollers stop). */
    void deleteEventSourceMapping(String uuid) throws IOException {
        require(call("DELETE", "/2015-03-31/event-source-mappings/" + uuid, "", new byte[0], Map.of()), 202,
                "DeleteEventSourceMapping " + uuid);
    }

    /** AddPermission: {@code principal} (a service, such as {@code sns.amazonaws.com}) may invoke the function. */
    void addPermission(String function, String statementId, String principal, String sourceArn) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("StatementId", statementId)
                .put("Action", "lambda:InvokeFunction").put("Principal", principal).put("SourceArn", sourceArn);
        require(call("POST", "/2015-03-31/functions/" + function + "/policy", "", JSON.writeValueAsBytes(body),
                Map.of("Content-Type", "application/json")), 201, "AddPermission " + function);
    }

    static void require(HttpResponse<String> response, int status, String what) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
