package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's tour, run with the real AWS CLI ({@code /usr/bin/aws}). */
class AwsCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir);
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    record Result(int exitCode, String stdout, String stderr) {
        JsonNode json() throws Exception {
            return JSON.readTree(stdout);
        }
    }

    static Result awsWithSecret(String secretKey, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", gust.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", work.toString());
        env.put("AWS_ACCESS_KEY_ID", GustProcess.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", secretKey);
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.remove("AWS_PROFILE");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("aws " + String.join(" ", args) + " timed out");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static Result aws(String... args) throws Exception {
        return awsWithSecret(GustProcess.SECRET_KEY, args);
    }

    @Test
    void theReadmeTourWorksWithTheAwsCli() throws Exception {
        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 200}"));

        Result created = aws("lambda", "create-function", "--function-name", "hello", "--runtime", "python3.12",
                "--role", "arn:aws:iam::000000000000:role/lambda-role", "--handler", "lambda_function.lambda_handler",
                "--zip-file", "fileb://function.zip");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(created.json().get("FunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:hello");
        assertThat(created.json().get("State").asText()).isEqualTo("Pending");

        Result waited = aws("lambda", "wait", "function-active-v2", "--function-name", "hello");
        assertThat(waited.exitCode()).as(waited.stderr()).isZero();

        Result got = aws("lambda", "get-function", "--function-name", "hello");
        assertThat(got.exitCode()).as(got.stderr()).isZero();
        assertThat(got.json().at("/Configuration/State").asText()).isEqualTo("Active");
        assertThat(got.json().at("/Code/Location").asText()).startsWith(gust.endpoint() + "/_gust/code/");

        Result listed = aws("lambda", "list-functions");
        assertThat(listed.exitCode()).as(listed.stderr()).isZero();
        assertThat(listed.json().get("Functions").get(0).get("FunctionName").asText()).isEqualTo("hello");

        Result configured = aws("lambda", "update-function-configuration", "--function-name", "hello",
                "--memory-size", "256", "--environment", "Variables={GREETING=hi}");
        assertThat(configured.exitCode()).as(configured.stderr()).isZero();
        assertThat(configured.json().get("MemorySize").asInt()).isEqualTo(256);
        assertThat(aws("lambda", "wait", "function-updated-v2", "--function-name", "hello").exitCode()).isZero();

        Files.write(work.resolve("function.zip"), TestZips.pythonHandler("{'statusCode': 201}"));
        Result recoded = aws("lambda", "update-function-code", "--function-name", "hello",
                "--zip-file", "fileb://function.zip");
        assertThat(recoded.exitCode()).as(recoded.stderr()).isZero();
        assertThat(recoded.json().get("CodeSha256").asText()).isNotEqualTo(created.json().get("CodeSha256").asText());

        Result wrongKey = awsWithSecret("not-the-right-secret-key-000000", "lambda", "list-functions");
        assertThat(wrongKey.exitCode()).isNotZero();
        assertThat(wrongKey.stderr()).contains("InvalidSignatureException");

        Result deleted = aws("lambda", "delete-function", "--function-name", "hello");
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        Result missing = aws("lambda", "get-function", "--function-name", "hello");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException").contains("Function not found");
    }

    @Test
    void theAsyncTourWorksWithTheAwsCli() throws Exception {
        Files.write(work.resolve("echo.zip"), TestZips.zip(Map.of("lambda_function.py", """
                import json
                def lambda_handler(event, context):
                    print("EVENT " + json.dumps(event))
                    return {"statusCode": 200}
                """)));
        for (String name : List.of("later", "audit")) {
            Result created = aws("lambda", "create-function", "--function-name", name, "--runtime", "python3.12",
                    "--role", "arn:aws:iam::000000000000:role/lambda-role", "--handler",
                    "lambda_function.lambda_handler", "--zip-file", "fileb://echo.zip");
            assertThat(created.exitCode()).as(created.stderr()).isZero();
        }
        Result configured = aws("lambda", "put-function-event-invoke-config", "--function-name", "later",
                "--maximum-retry-attempts", "1", "--maximum-event-age-in-seconds", "3600", "--destination-config",
                "{\"OnSuccess\":{\"Destination\":\"arn:aws:lambda:us-east-1:000000000000:function:audit\"}}");
        assertThat(configured.exitCode()).as(configured.stderr()).isZero();
        assertThat(configured.json().get("FunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:later:$LATEST");

        Result invoked = aws("lambda", "invoke", "--function-name", "later", "--invocation-type", "Event",
                "--cli-binary-format", "raw-in-base64-out", "--payload", "{\"name\": \"later\"}", "out.json");
        assertThat(invoked.exitCode()).as(invoked.stderr()).isZero();
        assertThat(invoked.json().get("StatusCode").asInt()).isEqualTo(202);
        assertThat(Files.size(work.resolve("out.json"))).isZero();

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(logOf("audit"))
                .contains("\"condition\": \"Success\"").contains("\"requestPayload\": {\"name\": \"later\"}"));

        Result updated = aws("lambda", "update-function-event-invoke-config", "--function-name", "later",
                "--maximum-retry-attempts", "0");
        assertThat(updated.json().get("MaximumRetryAttempts").asInt()).isZero();
        assertThat(updated.json().get("MaximumEventAgeInSeconds").asInt()).isEqualTo(3600);
        Result listed = aws("lambda", "list-function-event-invoke-configs", "--function-name", "later");
        assertThat(listed.json().get("FunctionEventInvokeConfigs")).hasSize(1);
        Result invalid = aws("lambda", "put-function-event-invoke-config", "--function-name", "later",
                "--maximum-retry-attempts", "3");
        assertThat(invalid.stderr()).contains("ValidationException").contains("Value '3' at 'maximumRetryAttempts' "
                + "failed to satisfy constraint: Member must have value less than or equal to 2");
        assertThat(aws("lambda", "delete-function-event-invoke-config", "--function-name", "later").exitCode())
                .isZero();
        Result gone = aws("lambda", "get-function-event-invoke-config", "--function-name", "later");
        assertThat(gone.stderr()).contains("ResourceNotFoundException").contains("The function "
                + "arn:aws:lambda:us-east-1:000000000000:function:later:$LATEST doesn't have an EventInvokeConfig");
    }

    /** The README's "Versions and aliases" steps: two versions, an alias routed 90/10, the split observed. */
    @Test
    void theVersionsTourWorksWithTheAwsCli() throws Exception {
        Files.write(work.resolve("versions.zip"), TestZips.zip(Map.of("lambda_function.py", """
                import os
                def lambda_handler(event, context):
                    return {"greeting": os.environ.get("GREETING")}
                """)));
        Result created = aws("lambda", "create-function", "--function-name", "greeter", "--runtime", "python3.12",
                "--role", "arn:aws:iam::000000000000:role/lambda-role", "--handler", "lambda_function.lambda_handler",
                "--zip-file", "fileb://versions.zip");
        assertThat(created.exitCode()).as(created.stderr()).isZero();

        Result first = aws("lambda", "publish-version", "--function-name", "greeter", "--description", "first");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.json().get("Version").asText()).isEqualTo("1");
        assertThat(aws("lambda", "update-function-configuration", "--function-name", "greeter", "--environment",
                "Variables={GREETING=hello again}").exitCode()).isZero();
        assertThat(aws("lambda", "wait", "function-updated-v2", "--function-name", "greeter").exitCode()).isZero();
        Result second = aws("lambda", "publish-version", "--function-name", "greeter", "--description", "second");
        assertThat(second.json().get("Version").asText()).isEqualTo("2");
        Result listed = aws("lambda", "list-versions-by-function", "--function-name", "greeter",
                "--query", "Versions[].[Version,Description]", "--output", "text");
        assertThat(listed.stdout()).contains("$LATEST").contains("1\tfirst").contains("2\tsecond");
        Result one = aws("lambda", "invoke", "--function-name", "greeter", "--qualifier", "1", "out.json");
        assertThat(one.exitCode()).as(one.stderr()).isZero();
        assertThat(one.json().get("ExecutedVersion").asText()).isEqualTo("1");
        assertThat(Files.readString(work.resolve("out.json"))).contains("\"greeting\": null");

        Result alias = aws("lambda", "create-alias", "--function-name", "greeter", "--name", "live",
                "--function-version", "1", "--routing-config", "AdditionalVersionWeights={2=0.1}");
        assertThat(alias.exitCode()).as(alias.stderr()).isZero();
        assertThat(alias.json().at("/RoutingConfig/AdditionalVersionWeights/2").asDouble()).isEqualTo(0.1);
        Map<String, Integer> executed = new java.util.TreeMap<>();
        for (int i = 0; i < 100; i++) {
            Result invoked = aws("lambda", "invoke", "--function-name", "greeter", "--qualifier", "live", "out.json",
                    "--query", "ExecutedVersion", "--output", "text");
            assertThat(invoked.exitCode()).as(invoked.stderr()).isZero();
            executed.merge(invoked.stdout().strip(), 1, Integer::sum);
        }
        // binomial(100, 0.1): at least one run of version 2 fails with probability 3e-5, more than 30 far less
        assertThat(executed.keySet()).containsExactly("1", "2");
        assertThat(executed.get("2")).isBetween(1, 30);

        Result moved = aws("lambda", "update-alias", "--function-name", "greeter", "--name", "live",
                "--function-version", "2", "--routing-config", "AdditionalVersionWeights={}");
        assertThat(moved.exitCode()).as(moved.stderr()).isZero();
        assertThat(moved.json().has("RoutingConfig")).isFalse();
        assertThat(aws("lambda", "list-aliases", "--function-name", "greeter").json().get("Aliases")).hasSize(1);
        Result pruned = aws("lambda", "delete-function", "--function-name", "greeter", "--qualifier", "1");
        assertThat(pruned.exitCode()).as(pruned.stderr()).isZero();
        Result referenced = aws("lambda", "delete-function", "--function-name", "greeter", "--qualifier", "2");
        assertThat(referenced.stderr()).contains("ResourceConflictException")
                .contains("Unable to delete version because the following aliases reference it: [live]");
        assertThat(aws("lambda", "delete-alias", "--function-name", "greeter", "--name", "live").exitCode()).isZero();
        Result latest = aws("lambda", "invoke", "--function-name", "greeter", "out.json");
        assertThat(latest.json().get("ExecutedVersion").asText()).isEqualTo("$LATEST");
        assertThat(aws("lambda", "delete-function", "--function-name", "greeter").exitCode()).isZero();
    }

    @Test
    void reservedConcurrencyZeroThrottlesInvokesWithTheAwsCli() throws Exception {
        Files.write(work.resolve("reserved.zip"), TestZips.pythonHandler("{'statusCode': 200}"));
        Result created = aws("lambda", "create-function", "--function-name", "reserved", "--runtime", "python3.12",
                "--role", "arn:aws:iam::000000000000:role/lambda-role", "--handler", "lambda_function.lambda_handler",
                "--zip-file", "fileb://reserved.zip");
        assertThat(created.exitCode()).as(created.stderr()).isZero();

        Result put = aws("lambda", "put-function-concurrency", "--function-name", "reserved",
                "--reserved-concurrent-executions", "0");
        assertThat(put.exitCode()).as(put.stderr()).isZero();
        assertThat(put.json().get("ReservedConcurrentExecutions").asInt()).isZero();
        Result got = aws("lambda", "get-function-concurrency", "--function-name", "reserved");
        assertThat(got.json().get("ReservedConcurrentExecutions").asInt()).isZero();
        Result settings = aws("lambda", "get-account-settings");
        assertThat(settings.json().at("/AccountLimit/UnreservedConcurrentExecutions").asInt()).isEqualTo(1000);

        Result throttled = aws("lambda", "invoke", "--function-name", "reserved", "out.json");
        assertThat(throttled.exitCode()).isNotZero();
        assertThat(throttled.stderr()).contains("TooManyRequestsException").contains("Rate Exceeded.");

        Result limited = aws("lambda", "put-function-concurrency", "--function-name", "reserved",
                "--reserved-concurrent-executions", "901");
        assertThat(limited.exitCode()).isNotZero();
        assertThat(limited.stderr()).contains("InvalidParameterValueException").contains("Specified "
                + "ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below "
                + "its minimum value of [100].");
        Result reserved = aws("lambda", "put-function-concurrency", "--function-name", "reserved",
                "--reserved-concurrent-executions", "900");
        assertThat(reserved.exitCode()).as(reserved.stderr()).isZero();
        assertThat(aws("lambda", "get-account-settings").json().at("/AccountLimit/UnreservedConcurrentExecutions")
                .asInt()).isEqualTo(100);
        assertThat(aws("lambda", "get-function", "--function-name", "reserved").json()
                .at("/Concurrency/ReservedConcurrentExecutions").asInt()).isEqualTo(900);

        Result deleted = aws("lambda", "delete-function-concurrency", "--function-name", "reserved");
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        Result invoked = aws("lambda", "invoke", "--function-name", "reserved", "out.json");
        assertThat(invoked.exitCode()).as(invoked.stderr()).isZero();
        assertThat(invoked.json().get("StatusCode").asInt()).isEqualTo(200);
        Result none = aws("lambda", "get-function-concurrency", "--function-name", "reserved");
        assertThat(none.exitCode()).as(none.stderr()).isZero();
        assertThat(none.stdout()).doesNotContain("ReservedConcurrentExecutions");
        assertThat(aws("lambda", "delete-function", "--function-name", "reserved").exitCode()).isZero();
    }

    private static String logOf(String function) throws Exception {
        Path dir = TestServer.logGroupDir(dataDir, function);
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (var files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        }
    }
}
