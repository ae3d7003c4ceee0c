package dev.gust.bench;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.ToolProvider;

/**
 * The no-op functions every scenario invokes, one per runtime: each answers {@code {}}, and sleeps first when the
 * event has a {@code sleep_ms} member (the scale-out and idle-memory scenarios hold instances busy that way).
 * The {@code provided} one is a small C program speaking the Runtime API over one keep-alive socket, compiled
 * statically so its own cost is negligible.
 */
final class NoopFunctions {

    /** A runtime under test: its Lambda identifier, handler, and package. */
    record Runtime(String key, String runtime, String handler, byte[] zip, int memoryMb) {
    }

    static final String PYTHON = """
            import time
            def handler(event, context):
                if "sleep_ms" in event:
                    time.sleep(event["sleep_ms"] / 1000.0)
                return {}
            """;

    /** The Node.js handler; serverless-offline runs this same file. */
    static final String NODE = """
            exports.handler = async (event) => {
              if (event && event.sleep_ms) {
                await new Promise((resolve) => setTimeout(resolve, event.sleep_ms));
              }
              return {};
            };
            """;

    static final String RUBY = """
            def handler(event:, context:)
              sleep(event['sleep_ms'] / 1000.0) if event.is_a?(Hash) && event['sleep_ms']
              {}
            end
            """;

    static final String JAVA = """
            package bench;
            import com.amazonaws.services.lambda.runtime.Context;
            import com.amazonaws.services.lambda.runtime.RequestHandler;
            import java.util.Map;
            public class Noop implements RequestHandler<Map<String, Object>, Map<String, Object>> {
                public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
                    Object sleep = event == null ? null : event.get("sleep_ms");
                    if (sleep instanceof Number n) {
                        try { Thread.sleep(n.longValue()); } catch (InterruptedException e) { throw new RuntimeException(e); }
                    }
                    return Map.of();
                }
            }
            """;

    static final String BOOTSTRAP_C = """
            #include <arpa/inet.h>
            #include <netinet/in.h>
            #include <netinet/tcp.h>
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            #include <strings.h>
            #include <sys/socket.h>
            #include <unistd.h>

            static char buf[1 << 16];

            /* Reads one HTTP response; copies the request id header (if any) into id; returns the body length. */
            static int read_response(int fd, char *id, char *body, int body_cap) {
              int len = 0, header_end = -1;
              while (header_end < 0) {
                int n = read(fd, buf + len, sizeof(buf) - 1 - len);
                if (n <= 0) exit(1);
                len += n;
                buf[len] = 0;
                char *end = strstr(buf, "\\r\\n\\r\\n");
                if (end) header_end = (int)(end - buf) + 4;
              }
              int content_length = 0;
              for (char *line = buf; line < buf + header_end; line = strstr(line, "\\r\\n") + 2) {
                if (strncasecmp(line, "Content-Length:", 15) == 0) content_length = atoi(line + 15);
                if (id && strncasecmp(line, "Lambda-Runtime-Aws-Request-Id:", 30) == 0) {
                  char *v = line + 30;
                  while (*v == ' ') v++;
                  int i = 0;
                  while (v[i] != '\\r' && i < 127) { id[i] = v[i]; i++; }
                  id[i] = 0;
                }
              }
              int have = len - header_end;
              int copy = have < body_cap - 1 ? have : body_cap - 1;
              if (body) memcpy(body, buf + header_end, copy);
              while (have < content_length) {
                int n = read(fd, buf, sizeof(buf));
                if (n <= 0) exit(1);
                if (body && have < body_cap - 1) {
                  int c = n < body_cap - 1 - have ? n : body_cap - 1 - have;
                  memcpy(body + have, buf, c);
                }
                have += n;
              }
              if (body) body[content_length < body_cap - 1 ? content_length : body_cap - 1] = 0;
              return content_length;
            }

            int main(void) {
              char *api = getenv("AWS_LAMBDA_RUNTIME_API");
              if (!api) return 2;
              char host[64];
              strncpy(host, api, sizeof(host) - 1);
              host[sizeof(host) - 1] = 0;
              char *colon = strchr(host, ':');
              if (!colon) return 2;
              *colon = 0;
              struct sockaddr_in addr = {0};
              addr.sin_family = AF_INET;
              addr.sin_port = htons(atoi(colon + 1));
              inet_pton(AF_INET, host, &addr.sin_addr);
              int fd = socket(AF_INET, SOCK_STREAM, 0);
              int one = 1;
              setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
              if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0) return 3;
              char next[256], id[128], event[4096], post[512];
              int next_len = snprintf(next, sizeof(next),
                  "GET /2018-06-01/runtime/invocation/next HTTP/1.1\\r\\nHost: %s\\r\\n\\r\\n", api);
              for (;;) {
                if (write(fd, next, next_len) != next_len) return 4;
                id[0] = 0;
                read_response(fd, id, event, sizeof(event));
                char *sleep = strstr(event, "\\"sleep_ms\\"");
                if (sleep) {
                  char *colon2 = strchr(sleep, ':');
                  if (colon2) usleep(atoi(colon2 + 1) * 1000);
                }
                int post_len = snprintf(post, sizeof(post),
                    "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\\r\\nHost: %s\\r\\n"
                    "Content-Type: application/json\\r\\nContent-Length: 2\\r\\n\\r\\n{}", id, api);
                if (write(fd, post, post_len) != post_len) return 5;
                read_response(fd, NULL, NULL, 0);
              }
            }
            """;

    private NoopFunctions() {
    }

    /** Every runtime, in report order; {@code workDir} receives the compiled Java and C. */
    static List<Runtime> all(Path workDir) throws IOException {
        return List.of(provided(workDir), python(), node(), java(workDir), ruby());
    }

    /** The {@code provided} no-op when that runtime is measured, else Python's. */
    static Runtime providedOrPython(BenchContext context) throws IOException {
        return context.measures("provided") ? provided(context.workDir()) : python();
    }

    static Runtime python() {
        return new Runtime("python", "python3.12", "handler.handler", zip(Map.of("handler.py", bytes(PYTHON))), 128);
    }

    static Runtime ruby() {
        return new Runtime("ruby", "ruby3.4", "handler.handler", zip(Map.of("handler.rb", bytes(RUBY))), 128);
    }

    static Runtime node() {
        return new Runtime("nodejs", "nodejs20.x", "index.handler", zip(Map.of("index.js", bytes(NODE))), 128);
    }

    static Runtime java(Path workDir) throws IOException {
        Path src = Files.createDirectories(workDir.resolve("java-noop/src/bench"));
        Path classes = Files.createDirectories(workDir.resolve("java-noop/classes"));
        Files.writeString(src.resolve("Noop.java"), JAVA);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "21", "-cp",
                lambdaCoreJar(), "-d", classes.toString(), src.resolve("Noop.java").toString());
        if (compiled != 0) {
            throw new IOException("javac failed for the Java no-op");
        }
        return new Runtime("java", "java21", "bench.Noop::handleRequest",
                zip(Map.of("bench/Noop.class", Files.readAllBytes(classes.resolve("bench/Noop.class")))), 512);
    }

    static Runtime provided(Path workDir) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("provided-noop"));
        Path source = dir.resolve("bootstrap.c");
        Files.writeString(source, BOOTSTRAP_C);
        Path binary = dir.resolve("bootstrap");
        run(List.of("gcc", "-O2", "-static", "-o", binary.toString(), source.toString()), dir);
        return new Runtime("provided", "provided.al2023", "bootstrap", executableZip(Files.readAllBytes(binary)), 128);
    }

    /** A zip whose {@code bootstrap} entry keeps its exec bit (Unix mode in the external attributes). */
    private static byte[] executableZip(byte[] content) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(bytes)) {
            var entry = new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("bootstrap");
            entry.setUnixMode(0100755);
            zip.putArchiveEntry(entry);
            zip.write(content);
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    static void run(List<String> command, Path dir) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new LinkedHashMap<>(files).entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String lambdaCoreJar() {
        try {
            return Path.of(Context.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> keys(List<Runtime> runtimes) {
        List<String> keys = new ArrayList<>();
        runtimes.forEach(r -> keys.add(r.key()));
        return keys;
    }
}
