package dev.gust.runtimes.java;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A runtime interface client running directly on the host, started from a {@link RicCommand} with the environment
 * Lambda gives an instance and nothing inherited from the test JVM; its stdout and stderr go to one log file.
 * Not thread-safe; close it to kill the process.
 */
final class RicProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final long startedNanos;

    private RicProcess(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts the command with exactly the command's variables plus {@code lambdaVariables}. */
    static RicProcess start(RicCommand command, Map<String, String> lambdaVariables, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command.argv())
                .directory(command.workingDirectory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(lambdaVariables);
        builder.environment().putAll(command.environment());
        long started = System.nanoTime();
        try {
            return new RicProcess(builder.start(), log, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the process was spawned, on the {@link System#nanoTime()} scale. */
    long startedNanos() {
        return startedNanos;
    }

    /** Waits up to {@code seconds} for the process to exit and returns its exit code. */
    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the runtime interface client is still running after " + seconds + " s:\n"
                    + log());
        }
        return process.exitValue();
    }

    /** Whether the process is still running. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** What the process wrote so far. */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
