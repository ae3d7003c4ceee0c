package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the host offers for sandboxing, detected once at startup: bubblewrap, {@code setpriv}, whether Gust runs
 * as root, and the cgroup hierarchy (already prepared); immutable.
 *
 * @param bubblewrap the bubblewrap installation, if any
 * @param setpriv {@code setpriv} (util-linux) below {@code /usr}, which drops functions to the sandbox user when
 *     Gust runs as root
 * @param root whether this process's effective uid is 0
 * @param cgroups the cgroup hierarchy instances are placed in
 */
public record SandboxProbe(Optional<Bubblewrap> bubblewrap, Optional<Path> setpriv, boolean root, Cgroups cgroups) {

    /** Probes this host; takes a few milliseconds (runs {@code bwrap --version}) and never throws. */
    public static SandboxProbe detect() {
        return new SandboxProbe(Bubblewrap.find(), findSetpriv(), effectiveUidIsRoot(), Cgroups.detect());
    }

    /** One line for logs, e.g. {@code bubblewrap 0.8.0 at /usr/bin/bwrap, root, cgroup v1 (memory+swap, pids)}. */
    public String describe() {
        String sandbox = bubblewrap.map(found -> "bubblewrap " + found.version() + " at " + found.executable())
                .orElse("bubblewrap not found");
        return sandbox + ", " + (root ? "root" : "not root") + ", " + cgroups.description();
    }

    private static Optional<Path> findSetpriv() {
        Path setpriv = Path.of("/usr/bin/setpriv");
        return Files.isExecutable(setpriv) ? Optional.of(setpriv) : Optional.empty();
    }

    private static boolean effectiveUidIsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.substring(4).trim().split("\\s+")[1])
                    .anyMatch("0"::equals);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
