package dev.gust.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one administration command of the host ({@code ip}, {@code nft}) to completion; stateless. */
final class HostCommand {

    private static final long TIMEOUT_SECONDS = 10;
    /** More output than any {@code ip} or {@code nft} command here prints; the rest is drained, not kept. */
    private static final int MAX_OUTPUT = 64 * 1024;

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
        // read on the side, so that the timeout can act even if the command never closes its output
        OutputCapture output = OutputCapture.of(process.getInputStream(), MAX_OUTPUT);
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
            String text = output.text(Duration.ofSeconds(TIMEOUT_SECONDS)).trim();
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }
}
