package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup (one per controller hierarchy on v1) of one instance; implementations are thread-safe.
 *
 * <p>Reads never throw: a file that cannot be read (the cgroup is already removed) reads as "nothing".
 */
interface InstanceCgroup {

    /** The {@code cgroup.procs} files a launcher writes its own pid to before it starts the sandbox. */
    List<Path> procsFiles();

    /** The cgroup directories, deepest last; empty without cgroups. */
    List<Path> directories();

    /** Whether the kernel killed a process of this cgroup because the memory limit was reached. */
    boolean outOfMemoryKilled();

    /** The peak memory use in bytes, or {@code -1} if the kernel does not record it. */
    long peakMemoryBytes();

    /** Sends {@code SIGKILL} to every process in the cgroup, without waiting. */
    void killAll();

    /** Removes the cgroup; its processes must be gone (retries briefly while they exit). */
    void remove() throws IOException;
}
