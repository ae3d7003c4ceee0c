package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An installed bubblewrap executable and its version; immutable.
 *
 * @param executable absolute path of {@code bwrap}
 * @param version e.g. {@code 0.8.0}
 */
public record Bubblewrap(Path executable, String version) {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for the rest of the output once the process has exited. */
    private static final Duration OUTPUT_GRACE = Duration.ofMillis(500);
    private static final int MAX_VERSION_OUTPUT = 1024;

    /**
     * Finds {@code bwrap} the way a shell does, first on {@code PATH}, then in {@code /usr/bin} and
     * {@code /usr/local/bin}, and asks its version.
     */
    public static Optional<Bubblewrap> find() {
        return find(System.getenv("PATH"));
    }

    static Optional<Bubblewrap> find(String path) {
        List<Path> candidates = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(":")) {
                if (dir.startsWith("/")) {
                    candidates.add(Path.of(dir, "bwrap"));
                }
            }
        }
        candidates.addAll(List.of(Path.of("/usr/bin/bwrap"), Path.of("/usr/local/bin/bwrap")));
        return candidates.stream().filter(Files::isExecutable).findFirst().flatMap(Bubblewrap::at);
    }

    /** Asks the executable at {@code path} for its version; empty if it does not answer like bubblewrap within 5 s. */
    public static Optional<Bubblewrap> at(Path path) {
        return at(path, VERSION_TIMEOUT);
    }

    /**
     * Asks for the version, giving up after {@code timeout}: the output is read on the side, so an executable that
     * never exits or prints forever is killed at the timeout instead of blocking startup.
     */
    static Optional<Bubblewrap> at(Path path, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            OutputCapture output = OutputCapture.of(process.getInputStream(), MAX_VERSION_OUTPUT);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            String version = output.text(OUTPUT_GRACE).trim();
            if (!version.startsWith("bubblewrap ")) {
                return Optional.empty();
            }
            return Optional.of(new Bubblewrap(path.toRealPath(), version.substring("bubblewrap ".length())));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }
}
