package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Kills and measures process trees through {@link ProcessHandle} and {@code /proc}; stateless. */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Sends {@code SIGKILL} to the descendants of {@code root} (children first), then to {@code root}. For a
     * bubblewrap sandbox the first child is the PID namespace's init, whose death makes the kernel kill every
     * process of the namespace at once. Without a namespace, a process forking between the snapshot and the
     * kill can escape; the cgroup catches those.
     */
    static void kill(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    /** Sends {@code SIGKILL} to a process if it (still) exists. */
    static void killPid(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * The sum of the peak resident sizes ({@code VmHWM}) of {@code root} and its living descendants, in bytes,
     * or {@code -1} if none could be read. Overestimates the tree's peak when processes peaked at different
     * times, and misses processes that already exited.
     */
    static long peakResidentBytes(ProcessHandle root) {
        long total = -1;
        for (ProcessHandle process : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            long kib = highWaterMarkKib(process.pid());
            if (kib >= 0) {
                total = Math.max(total, 0) + kib * 1024;
            }
        }
        return total;
    }

    private static long highWaterMarkKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
