package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outcome of running one function to its end in a sandbox, for tests; immutable.
 *
 * @param exit how it ended
 * @param stdout its standard output, one line per element
 * @param stderr its standard error as text
 * @param maxMemoryUsedBytes the peak memory reported after the exit
 */
record Run(Exit exit, List<String> stdout, String stderr, long maxMemoryUsedBytes) {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Launches, waits for the exit and closes. */
    static Run of(Sandbox sandbox, SandboxSpec spec) throws IOException {
        try (SandboxedProcess process = sandbox.launch(spec)) {
            Output stdout = Output.of(process.stdout());
            Output stderr = Output.of(process.stderr());
            Exit exit = process.onExit().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Run(exit, stdout.all(TIMEOUT), stderr.text(TIMEOUT), process.maxMemoryUsedBytes());
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("the function did not end: " + spec.argv(), e);
        }
    }

    /** The standard output as text. */
    String out() {
        return String.join("\n", stdout);
    }

    /** A Python script that prints one line to stdout, then one to stderr. */
    static final String PRINTS_TO_BOTH =
            "import sys\nprint('to stdout', flush=True)\nprint('to stderr', file=sys.stderr, flush=True)";

    /**
     * A Python script that prints a line, then tries to truncate, preallocate and rewind its stdout, and says for each
     * whether it worked.
     */
    static final String TAMPERS_WITH_STDOUT = """
            import os
            print('first', flush=True)
            for name, tamper in [('ftruncate', lambda: os.ftruncate(1, 0)),
                                 ('fallocate', lambda: os.posix_fallocate(1, 0, 512 << 20)),
                                 ('lseek', lambda: os.lseek(1, 0, os.SEEK_SET))]:
                try:
                    tamper()
                    print(name, 'worked', flush=True)
                except OSError:
                    print(name, 'refused', flush=True)
            print('x' * 300000, flush=True)
            """;

    /**
     * Runs {@link #TAMPERS_WITH_STDOUT} with its output read through a pipe into a sink: every byte arrives, in order,
     * the sink sees only appends, and every attempt to tamper with the output is refused.
     */
    static void assertOutputIsAppendOnly(Sandbox sandbox, SandboxSpec.Builder tampers) throws Exception {
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        OutputSink sink = (bytes, offset, length) -> {
            synchronized (received) {
                received.write(bytes, offset, length);
            }
        };
        try (SandboxedProcess process = sandbox.launch(tampers.build(), sink)) {
            assertThat(process.onExit().get(30, TimeUnit.SECONDS).status()).isZero();
        }
        String text;
        synchronized (received) {
            text = received.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(text).isEqualTo("first\nftruncate refused\nfallocate refused\nlseek refused\n"
                + "x".repeat(300000) + "\n");
    }

    /** Runs {@link #PRINTS_TO_BOTH} with {@code log} as its output file and checks both lines were appended there. */
    static void assertOutputGoesTo(Path log, Sandbox sandbox, SandboxSpec.Builder printsToBoth) throws Exception {
        Files.writeString(log, "START\n");
        try (SandboxedProcess process = sandbox.launch(printsToBoth.outputFile(log).build())) {
            assertThat(process.onExit().get(30, TimeUnit.SECONDS).status()).isZero();
            assertThat(process.stdout().readAllBytes()).isEmpty();
            assertThat(process.stderr().readAllBytes()).isEmpty();
        }
        assertThat(Files.readString(log))
                .isEqualTo("START\nto stdout\nto stderr\n");
    }
}
