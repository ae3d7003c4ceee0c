package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
}
