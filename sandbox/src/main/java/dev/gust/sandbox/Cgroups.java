package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Path;

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

    /** Finds the cgroup hierarchy of this process and prepares Gust's parent cgroup in it. */
    public static Cgroups detect() {
        return new CgroupProbe(Path.of("/")).detect();
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
