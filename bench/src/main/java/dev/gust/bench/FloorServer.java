package dev.gust.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The floor baseline: Debian's nginx on loopback answering every request {@code 200 {}} from a
 * {@code return} directive, started with its own prefix and configuration and stopped by its PID.
 */
final class FloorServer implements AutoCloseable {

    static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final ChildProcess process;
    private final int port;

    private FloorServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param workers nginx worker processes ({@code auto}: one per core, as Debian's default configuration) */
    static FloorServer start(Path workDir, String workers) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("floor"));
        Files.createDirectories(dir.resolve("logs"));
        int port = ChildProcess.freePort();
        Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes %s;
                daemon off;
                master_process on;
                pid %s/nginx.pid;
                error_log %s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  keepalive_requests 10000000;
                  client_body_temp_path %s/tmp;
                  server {
                    listen 127.0.0.1:%d;
                    location / { default_type application/json; return 200 "{}"; }
                  }
                }
                """.formatted(workers, dir, dir, dir, port));
        ChildProcess process = ChildProcess.start("nginx", List.of(NGINX.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-e", dir.resolve("logs/error.log").toString()), dir, Map.of(),
                dir.resolve("nginx.out"));
        process.awaitHttp("http://127.0.0.1:" + port + "/", Duration.ofSeconds(10));
        return new FloorServer(process, port);
    }

    int port() {
        return port;
    }

    /** The same request shape as an invoke (path, signed headers, body), so only the server differs. */
    RequestTemplate request(String payload) {
        return RequestTemplate.invoke(GustProcess.signer(), port, "floor", NoopFunctions.bytes(payload), Map.of());
    }

    @Override
    public void close() {
        process.close();
    }
}
