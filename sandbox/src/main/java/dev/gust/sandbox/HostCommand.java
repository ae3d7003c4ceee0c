package dev.gust.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs one administration command of the host ({@code ip}, {@code nft}) to completion; stateless. */
final class HostCommand {

    private static final long TIMEOUT_SECONDS = 10;

    private HostCommand() {
    }

    /**
     * Runs {@code command} with {@code input} on its stdin and an empty environment.
     *
     * @return the command's output (stdout and stderr)
     * @throws IOException when it cannot start, exits non-zero (the message holds its output) or takes over 10 s
     */
    static String run(List<String> command, String input) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        Process process = builder.start();
        // read concurrently so that the timeout can act even if the command never closes its output
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().name("gust-host-command").start(() -> {
            try {
                output.complete(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                output.complete("");
            }
        });
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // it exited before reading everything: its status and output say why
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            String text = output.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(String.join(" ", command) + ": " + e, e);
        }
    }
}
