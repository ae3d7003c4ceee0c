package dev.gust.engine;

import java.nio.file.Path;

/**
 * A real interpreter executable on the host, resolved once at startup so that no shim runs per instance start.
 *
 * @param executable the real executable (symlinks and shims resolved), e.g. {@code /usr/bin/python3.11}
 * @param home the directory the sandbox must expose for it (e.g. a JDK home), or {@code null} when it lives
 *     under {@code /usr}
 * @param version its version as it reports it, e.g. {@code 3.11.2}
 */
public record Interpreter(Path executable, Path home, String version) {

    /** How it is named to users: {@code /usr/bin/python3.11 (3.11.2)}. */
    public String describe() {
        return executable + " (" + version + ")";
    }
}
