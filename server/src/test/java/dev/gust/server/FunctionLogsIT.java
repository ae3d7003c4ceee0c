package dev.gust.server;

import static dev.gust.server.TestFunctions.json;
import static dev.gust.server.TestFunctions.log;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A function's log stream is append-only from its side, and bounded: it writes into a pipe that Gust reads, so it
 * cannot truncate, preallocate or rewind its log, and its output past {@code log-quota} is dropped with one line
 * saying so, while the platform's lines still follow.
 */
class FunctionLogsIT {

    private static final int QUOTA = 256 * 1024;

    @TempDir
    static Path dataDir;
    static TestServer server;
    static TestFunctions functions;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of("GUST_LOG_QUOTA", Integer.toString(QUOTA)));
        functions = server.functions();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aFunctionCannotTruncatePreallocateOrRewindItsLog() throws Exception {
        functions.create("tamperer", "python3.12", "lambda_function.lambda_handler", Map.of("lambda_function.py", """
                import os
                def lambda_handler(event, context):
                    print('before tampering', flush=True)
                    results = {}
                    for name, tamper in [('ftruncate', lambda: os.ftruncate(1, 0)),
                                         ('fallocate', lambda: os.posix_fallocate(1, 0, 512 << 20)),
                                         ('lseek', lambda: os.lseek(1, 0, os.SEEK_SET))]:
                        try:
                            tamper()
                            results[name] = 'worked'
                        except OSError:
                            results[name] = 'refused'
                    print('after tampering', flush=True)
                    return results
                """));
        InvokeResponse response = functions.invoke("tamperer", "{}");

        assertThat(json(response).toString())
                .isEqualTo("{\"ftruncate\":\"refused\",\"fallocate\":\"refused\",\"lseek\":\"refused\"}");
        assertThat(log(response)).containsPattern("START RequestId: \\S+ Version: \\$LATEST\nbefore tampering\n"
                + "after tampering\nEND RequestId: \\S+\nREPORT RequestId: ");
        Path stream = onlyStream("tamperer");
        assertThat(Files.size(stream)).as("no preallocated space").isLessThan(4096);
        assertThat(Files.readString(stream)).startsWith("START RequestId: ").contains("before tampering\n");
    }

    @Test
    void aFloodPastTheQuotaIsCutAndThePlatformLinesStillFollow() throws Exception {
        functions.create("flood", "python3.12", "lambda_function.lambda_handler", Map.of("lambda_function.py", """
                import sys
                def lambda_handler(event, context):
                    line = 'x' * 1023 + '\\n'
                    for _ in range(8 * 1024):
                        sys.stdout.write(line)
                    sys.stdout.flush()
                    return 'flooded'
                """));
        InvokeResponse first = functions.invoke("flood", "{}");
        InvokeResponse second = functions.invoke("flood", "{}");

        assertThat(first.payload().asUtf8String()).isEqualTo("\"flooded\"");
        assertThat(second.payload().asUtf8String()).isEqualTo("\"flooded\"");
        assertThat(log(first)).contains("Gust: this log stream reached its log-quota of " + QUOTA + " bytes")
                .containsPattern("END RequestId: \\S+\nREPORT RequestId: ");
        assertThat(log(second)).as("nothing more of the function's output").doesNotContain("xxx")
                .containsPattern("^START RequestId: \\S+ Version: \\$LATEST\nEND RequestId: \\S+\nREPORT RequestId: ");
        Path stream = onlyStream("flood");
        assertThat(Files.size(stream)).as("8 MiB printed, the quota kept").isBetween((long) QUOTA, QUOTA + 4096L);
    }

    private static Path onlyStream(String function) throws IOException {
        try (var files = Files.list(TestServer.logGroupDir(dataDir, function))) {
            List<Path> streams = files.toList();
            assertThat(streams).hasSize(1);
            return streams.getFirst();
        }
    }
}
