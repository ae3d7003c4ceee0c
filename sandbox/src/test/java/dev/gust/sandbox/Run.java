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
