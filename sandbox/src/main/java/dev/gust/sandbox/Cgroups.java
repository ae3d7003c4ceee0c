package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cgroup hierarchy Gust places instances in, found once at startup: cgroup v1, cgroup v2, or none;
 * immutable and thread-safe.
 *
 * <p>Each instance gets its own cgroup {@code gust/<instance-id>}, nested under the cgroup the server runs in
 * (so the server's own limits still cover its functions). See {@code docs/design/sandbox.md}.
 */
public abstract sealed class Cgroups permits CgroupV1, CgroupV2, NoCgroups {

    Cgroups() {
    }

    /** How old an empty instance cgroup must be before a start removes it as a leftover. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(1);

    /**
     * Finds the cgroup hierarchy of this process and prepares Gust's parent cgroup in it, removing instance cgroups
     * that a server killed without a shutdown left behind.
     */
    public static Cgroups detect() {
        Cgroups found = new CgroupProbe(Path.of("/")).detect();
        found.removeLeftovers(LEFTOVER_AGE);
        return found;
    }

    /** Gust's parent cgroups, one per hierarchy in use (none without cgroups). */
    abstract List<Path> parents();

    /**
     * Removes the instance cgroups under Gust's parents that hold no process and were made at least {@code minAge}
     * ago: those of instances whose server died (a {@code kill -9} leaves its instances' cgroups; their processes
     * died with it). Another server of the host may share the parent, so a young empty cgroup (one whose process
     * is about to join, or whose removal is under way) is left alone; an instance's cgroup is empty only for
     * milliseconds in its life. Best effort: a cgroup that cannot be removed stays.
     *
     * @return how many were removed
     */
    int removeLeftovers(Duration minAge) {
        int removed = 0;
        Instant bornBefore = Instant.now().minus(minAge);
        for (Path parent : parents()) {
            try (Stream<Path> children = Files.list(parent)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    if (leftover(child, bornBefore)) {
                        try {
                            Files.delete(child);
                            removed++;
                        } catch (IOException e) {
                            // busy after all, or not ours to remove: leave it
                        }
                    }
                }
            } catch (IOException e) {
                // a parent that cannot be listed has nothing to sweep
            }
        }
        return removed;
    }

    private static boolean leftover(Path cgroup, Instant bornBefore) {
        try {
            return Files.readString(cgroup.resolve("cgroup.procs")).isBlank()
                    && Files.getLastModifiedTime(cgroup).toInstant().isBefore(bornBefore);
        } catch (IOException e) {
            return false;
        }
    }

    /** No cgroups: limits fall back to {@code RLIMIT_AS}; {@code reason} says why, for the capabilities line. */
    public static Cgroups none(String reason) {
        return new NoCgroups(reason);
    }

    /** One line for humans, e.g. {@code cgroup v1 (memory+swap, pids)}. */
    public abstract String description();

    /** Whether memory and process limits are enforced per instance (so out-of-memory kills are detected). */
    public abstract boolean enforcing();

    /**
     * Creates the instance's cgroup with its limits; a leftover empty cgroup of the same name is replaced.
     *
     * @param maxProcesses the limit of the pids controller: processes and threads, the launcher's included
     */
    abstract InstanceCgroup create(String instanceId, long memoryBytes, int maxProcesses) throws IOException;

    @Override
    public String toString() {
        return description();
    }
}
