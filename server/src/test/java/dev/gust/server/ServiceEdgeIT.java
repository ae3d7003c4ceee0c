package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The edge in a real server: a service Gust does not host gets a clear error that the AWS CLI prints, a JSON body
 * is JSON whatever its content type, unauthenticated bodies are not buffered, and idle connections are closed.
 */
class ServiceEdgeIT {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path work;
    static GustProcess gust;

    @BeforeAll
    static void start() throws Exception {
        gust = GustProcess.start(dataDir, Map.of("GUST_IDLE_TIMEOUT", "1s"));
    }

    @AfterAll
    static void stop() throws Exception {
        gust.close();
    }

    @Test
    void theAwsCliPrintsWhichServiceGustDoesNotHost() throws Exception {
        String expected = "Gust does not host the service '%s' named in the request's credential scope; "
                + "it hosts: lambda, sts, iam, organizations, apigateway, sqs, sns";

        assertThat(aws("dynamodb", "list-tables").stderr()).contains("An error occurred (UnknownServiceException) "
                + "when calling the ListTables operation", expected.formatted("dynamodb"));
        assertThat(aws("kinesis", "list-streams").stderr()).contains("(UnknownServiceException)",
                expected.formatted("kinesis"));
        assertThat(aws("events", "list-rules").stderr()).contains("(UnknownServiceException)",
                expected.formatted("events"));
    }

    @Test
    void createFunctionWithAFormContentTypeReadsItsBodyAsJson() throws Exception {
        // A field over Vert.x's 8 KB form-attribute limit: before the edge, the form decoder answered 500
        // TooLongFormFieldException for this request.
        byte[] incompressible = new byte[20_000];
        new java.util.Random(11).nextBytes(incompressible);
        String zip = Base64.getEncoder().encodeToString(TestZips.zipBytes(Map.of(
                "lambda_function.py", "def lambda_handler(event, context):\n    return event\n".getBytes(StandardCharsets.UTF_8),
                "data.bin", incompressible)));
        String body = "{\"FunctionName\":\"form-typed\",\"Runtime\":\"python3.12\",\"Role\":"
                + "\"arn:aws:iam::000000000000:role/lambda-role\",\"Handler\":\"lambda_function.lambda_handler\","
                + "\"Code\":{\"ZipFile\":\"" + zip + "\"}}";

        HttpResponse<String> response = signed("POST", "/2015-03-31/functions",
                "application/x-www-form-urlencoded", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("\"FunctionName\":\"form-typed\"");
    }

    @Test
    void anUnsignedSixtyMegabyteBodyIsRefusedBeforeItIsSentAndNotBuffered() throws Exception {
        long rssBefore = rssKilobytes();
        try (Socket socket = new Socket("127.0.0.1", gust.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /2015-03-31/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 60000000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] chunk = new byte[1 << 20];
            long sent = 0;
            String answer = null;
            InputStream in = socket.getInputStream();
            try {
                while (sent < 60_000_000L) {
                    if (answer == null && in.available() > 0) {
                        answer = new String(in.readNBytes(in.available()), StandardCharsets.ISO_8859_1);
                    }
                    out.write(chunk);
                    sent += chunk.length;
                }
            } catch (java.io.IOException closedByServer) {
                // the server closed the connection: what the test expects
            }
            if (answer == null) {
                answer = new String(in.readNBytes(Math.max(1, in.available())), StandardCharsets.ISO_8859_1);
            }

            assertThat(answer).startsWith("HTTP/1.1 403").contains("MissingAuthenticationTokenException");
            assertThat(sent).as("bytes the client sent before the server closed").isLessThan(60_000_000L);
        }
        assertThat(rssKilobytes() - rssBefore).as("RSS growth in kB").isLessThan(30_000);
    }

    @Test
    void anIdleConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gust.endpoint().getPort())) {
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
                    Duration.ofSeconds(5));
        }
    }

    private static HttpResponse<String> signed(String method, String path, String contentType, String body)
            throws Exception {
        URI uri = URI.create(gust.endpoint() + path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Content-Type", contentType).build();
        var signed = AwsV4HttpSigner.create().sign(b -> b
                .identity(AwsCredentialsIdentity.create(GustProcess.ACCESS_KEY, GustProcess.SECRET_KEY))
                .request(request).payload(() -> new ByteArrayInputStream(bytes))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(builder.build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result aws(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/aws", "--endpoint-url", gust.endpoint().toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.put("HOME", work.toString());
        env.put("AWS_ACCESS_KEY_ID", GustProcess.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", GustProcess.SECRET_KEY);
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

    private static long rssKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + gust.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + gust.pid());
    }
}
