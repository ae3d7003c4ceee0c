package dev.gust.sandbox;

/**
 * Which isolation and which limit enforcement a {@link Sandbox} applies, for the startup banner and
 * {@code /_gust/health}; immutable.
 *
 * @param isolated whether functions are isolated from the host and from each other
 * @param cgroupLimits whether memory and process limits are enforced per instance by cgroups, so that an
 *     {@link Exit} can report an out-of-memory kill
 * @param distinctHostUsers whether a spec's {@link SandboxSpec#user()} is the host uid of its processes, so that
 *     instances given distinct users are told apart by the kernel (their sockets, files and signals)
 * @param isolation the isolation, e.g. {@code bubblewrap 0.8.0, uid 993} or {@code NONE: functions run without
 *     isolation}
 * @param limits the limit enforcement, e.g. {@code cgroup v1 (memory, pids)} or {@code no cgroups: memory
 *     limited by RLIMIT_AS only}
 */
public record SandboxCapabilities(boolean isolated, boolean cgroupLimits, boolean distinctHostUsers, String isolation,
        String limits) {

    /** One line for humans: {@code bubblewrap 0.8.0, uid 993; cgroup v1 (memory, pids)}. */
    public String description() {
        return isolation + "; " + limits;
    }

    @Override
    public String toString() {
        return description();
    }
}
