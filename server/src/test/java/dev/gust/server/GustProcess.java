package dev.gust.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Gust server process started from the packaged jar, on 127.0.0.1 and a free port, for integration tests.
 * Stopped by the test that started it ({@link #close} sends SIGTERM; {@link #kill} sends SIGKILL).
 */
final class GustProcess implements AutoCloseable {

    static final String ACCESS_KEY = "AKIDGUSTTESTKEY00001";
    static final String SECRET_KEY = "gust-test-secret-key-0123456789abcdefghij";
    private static final Pattern READY = Pattern.compile("is ready on (http://\\S+)");

    private final Process process;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<String> endpoint = new CompletableFuture<>();
    private final Thread reader;

    private GustProcess(Process process) {
        this.process = process;
        reader = new Thread(this::pump, "gust-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a server on {@code dataDir} with the test key pair, and waits until it is ready. */
    static GustProcess start(Path dataDir, String... extraArgs) throws Exception {
        return start(dataDir, Map.of(), extraArgs);
    }

    /**
     * Starts a server on {@code dataDir} with the test key pair and extra settings given as {@code GUST_*}
     * environment variables (for example {@code GUST_KEEP_ALIVE}), and waits until it is ready.
     */
    static GustProcess start(Path dataDir, Map<String, String> settings, String... extraArgs) throws Exception {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("GUST_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("GUST_SECRET_ACCESS_KEY", SECRET_KEY);
        GustProcess gust = launch(dataDir, environment, extraArgs);
        gust.awaitReady();
        return gust;
    }

    /**
     * Starts a server as another host user (uid and gid {@code uid}, no supplementary groups, with {@code setpriv}),
     * with the test key pair, and waits until it is ready. Needs root.
     */
    static GustProcess startAs(int uid, Path dataDir) throws Exception {
        GustProcess gust = launch(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups"),
                dataDir, Map.of("GUST_ACCESS_KEY_ID", ACCESS_KEY, "GUST_SECRET_ACCESS_KEY", SECRET_KEY,
                        "HOME", dataDir.toString()));
        gust.awaitReady();
        return gust;
    }

    /** Launches a server process without waiting for it. */
    static GustProcess launch(Path dataDir, Map<String, String> environment, String... extraArgs) throws IOException {
        return launch(List.of(), dataDir, environment, extraArgs);
    }

    private static GustProcess launch(List<String> prefix, Path dataDir, Map<String, String> environment,
            String... extraArgs) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-jar", serverJar(), "server", "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(List.of(extraArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GUST_"));
        builder.environment().putAll(environment);
        return new GustProcess(builder.start());
    }

    void awaitReady() throws Exception {
        endpoint.get(60, TimeUnit.SECONDS);
        health();
    }

    /** The body of {@code GET /_gust/health}; fails unless it answers 200. */
    JsonNode health() throws IOException, InterruptedException {
        HttpResponse<String> health;
        try (HttpClient client = HttpClient.newHttpClient()) {
            health = client.send(HttpRequest.newBuilder(endpoint().resolve("/_gust/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        if (health.statusCode() != 200) {
            throw new IllegalStateException("health answered " + health.statusCode() + ": " + health.body());
        }
        return new ObjectMapper().readTree(health.body());
    }

    /** How many instances the engine holds, as the health endpoint reports them. */
    int instances() throws IOException, InterruptedException {
        return health().path("engine").path("instances").asInt(-1);
    }

    /** How many processes the server started still run: its instances' sandboxes and everything in them. */
    long processes() {
        return process.descendants().count();
    }

    URI endpoint() {
        return URI.create(endpoint.join());
    }

    /** Everything the process printed so far; complete once the process has exited. */
    String output() {
        if (!process.isAlive()) {
            try {
                reader.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("gust did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL: the server gets no chance to clean up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM and wait for a graceful exit. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            // Process.destroy() would also close our end of the output pipe; the handle only sends SIGTERM
            process.toHandle().destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    int exitCode() {
        return process.exitValue();
    }

    private void pump() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                Matcher m = READY.matcher(line);
                if (m.find()) {
                    endpoint.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        endpoint.completeExceptionally(new IllegalStateException("gust exited before it was ready:\n" + output()));
    }

    static String serverJar() {
        String jar = System.getProperty("gust.server.jar");
        if (jar == null) {
            throw new IllegalStateException("system property gust.server.jar is not set; run the ITs with Maven");
        }
        return jar;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
