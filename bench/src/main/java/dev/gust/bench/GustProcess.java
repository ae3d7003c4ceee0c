package dev.gust.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Gust server the runner started from the packaged jar, with a fresh data dir, a fixed key pair, and the
 * settings a scenario asks for (long keep-alive, a high concurrency limit). Stopped by its PID.
 */
final class GustProcess implements AutoCloseable {

    static final String ACCESS_KEY = "AKIDGUSTBENCH0001";
    static final String SECRET_KEY = "gust-bench-secret";
    static final String REGION = "us-east-1";

    private final ChildProcess process;
    private final int port;
    private final Path dataDir;
    private final LambdaHttp lambda;

    private GustProcess(ChildProcess process, int port, Path dataDir) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.lambda = new LambdaHttp(port, signer());
    }

    /**
     * Starts Gust.
     *
     * @param settings extra settings by key, such as {@code keep-alive}, passed as {@code GUST_*} variables
     * @param jvmOptions extra JVM options, such as a JFR recording
     */
    static GustProcess start(BenchContext context, String label, Map<String, String> settings, List<String> jvmOptions)
            throws IOException {
        Path dir = Files.createTempDirectory(Files.createDirectories(context.workDir()), "gust-" + label + "-");
        int port = ChildProcess.freePort();
        List<String> command = new ArrayList<>(List.of(context.java().toString(), "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", context.serverJar().toString(), "server", "--data-dir",
                dir.resolve("data").toString(), "--port", Integer.toString(port)));
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("GUST_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("GUST_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("GUST_KEEP_ALIVE", "60m");
        env.put("GUST_CONCURRENCY", "4000");
        settings.forEach((key, value) -> env.put("GUST_" + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_'), value));
        ChildProcess process = ChildProcess.start("gust", command, dir, env, dir.resolve("gust.log"));
        try {
            process.awaitHttp("http://127.0.0.1:" + port + "/_gust/health", Duration.ofSeconds(90));
        } catch (IOException e) {
            process.close();
            throw e;
        }
        return new GustProcess(process, port, dir.resolve("data"));
    }

    static SigV4Signer signer() {
        return new SigV4Signer(ACCESS_KEY, SECRET_KEY, REGION);
    }

    int port() {
        return port;
    }

    /** The server's data dir. */
    Path dataDir() {
        return dataDir;
    }

    long pid() {
        return process.pid();
    }

    LambdaHttp lambda() {
        return lambda;
    }

    /** The number of instances the engine holds, from the health endpoint. */
    int instances() throws IOException {
        JsonNode health = lambda.health();
        return health.path("engine").path("instances").asInt(-1);
    }

    /** A signed synchronous invoke request of {@code function}, to replay. */
    RequestTemplate invokeRequest(String function, String payload, Map<String, String> headers) {
        return RequestTemplate.invoke(signer(), port, function, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                headers);
    }

    @Override
    public void close() {
        process.close();
    }
}
