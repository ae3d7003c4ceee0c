package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * The data dir is private (folders 0700, files 0600, environment variables encrypted in {@code gust.db}), and
 * functions still run: in root mode their instances run as other host uids and read their code through the
 * sandbox's bind mounts, below the private folders.
 */
class PrivateDataDirIT {

    private static final String SECRET = "database-password-that-stays-off-disk";
    @TempDir
    static Path parent;
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        dataDir = parent.resolve("data");
        server = TestServer.start(dataDir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void functionsRunAndReadTheirEnvironmentWhileTheDataDirIsPrivate() throws IOException {
        server.lambda().createFunction(b -> b.functionName("reads-env").runtime(Runtime.PYTHON3_12)
                .role(FunctionLifecycleIT.ROLE).handler("lambda_function.lambda_handler")
                .environment(e -> e.variables(Map.of("DB_PASSWORD", SECRET)))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(TestZips.zip(Map.of("lambda_function.py", """
                        import os
                        def lambda_handler(event, context):
                            return os.environ["DB_PASSWORD"]
                        """))))));

        String payload = server.lambda().invoke(b -> b.functionName("reads-env")).payload().asUtf8String();

        assertThat(payload).isEqualTo("\"" + SECRET + "\"");
        List<Path> everything;
        try (Stream<Path> all = Files.walk(dataDir)) {
            everything = all.filter(p -> !p.startsWith(dataDir.resolve("code")) && !p.startsWith(dataDir.resolve("runtime")))
                    .filter(p -> !Files.isSymbolicLink(p)).toList();
        }
        assertThat(everything).contains(dataDir.resolve("gust.db"), dataDir.resolve("gust.db-wal"),
                dataDir.resolve("gust.lock"), dataDir.resolve("keys/environment.key"));
        assertThat(everything).allSatisfy(path -> assertThat(mode(path)).as(path.toString())
                .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        assertThat(mode(dataDir.resolve("code"))).isEqualTo("rwx------");
        for (String file : List.of("gust.db", "gust.db-wal")) {
            assertThat(new String(Files.readAllBytes(dataDir.resolve(file)), StandardCharsets.ISO_8859_1))
                    .as(file).doesNotContain(SECRET);
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
