package dev.gust.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Finds {@code bwrap} in {@code /usr/bin}, {@code /usr/local/bin}, then on {@code PATH}, and asks its version. */
    public static Optional<Bubblewrap> find() {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/bwrap"), Path.of("/usr/local/bin/bwrap")));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (dir.startsWith("/")) {
                    candidates.add(Path.of(dir, "bwrap"));
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().flatMap(Bubblewrap::at);
    }

    /** Asks the executable at {@code path} for its version; empty if it does not answer like bubblewrap. */
    public static Optional<Bubblewrap> at(Path path) {
        try {
            Process process = new ProcessBuilder(path.toString(), "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS) || process.exitValue() != 0
                    || !output.startsWith("bubblewrap ")) {
                return Optional.empty();
            }
            return Optional.of(new Bubblewrap(path.toRealPath(), output.substring("bubblewrap ".length())));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
