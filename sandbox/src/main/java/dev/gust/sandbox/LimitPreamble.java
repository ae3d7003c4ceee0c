package dev.gust.sandbox;

import java.nio.file.Path;

/**
 * The {@code /bin/sh -c} script that applies an instance's limits to the launcher process itself and then
 * {@code exec}s the rest of its arguments; stateless.
 *
 * <p>With cgroups the shell writes its own pid to each {@code cgroup.procs} before it becomes bubblewrap, so
 * every descendant is born inside the instance's cgroups and none can escape them by forking early. Without
 * cgroups it sets {@code RLIMIT_AS} ({@code ulimit -v}), which bounds each process's address space, not the
 * tree's memory. A failure exits with status 125 and the shell's message on stderr.
 */
final class LimitPreamble {

    /** The exit status of a launcher whose limits could not be applied. */
    static final int LIMITS_FAILED = 125;

    private LimitPreamble() {
    }

    /** The script for an instance with these cgroups and this memory limit. */
    static String script(InstanceCgroup cgroup, long memoryBytes) {
        StringBuilder script = new StringBuilder();
        if (cgroup.procsFiles().isEmpty()) {
            script.append("ulimit -v ").append(Math.max(1, memoryBytes / 1024)).append(" || exit ")
                    .append(LIMITS_FAILED).append('\n');
        }
        for (Path procs : cgroup.procsFiles()) {
            script.append("echo $$ > ").append(quote(procs.toString())).append(" || exit ").append(LIMITS_FAILED)
                    .append('\n');
        }
        return script.append("exec \"$@\"\n").toString();
    }

    /** Quotes a word for the POSIX shell. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
