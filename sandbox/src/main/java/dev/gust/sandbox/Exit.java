package dev.gust.sandbox;

import java.util.Map;
import java.util.OptionalInt;

/**
 * How an instance's process tree ended; immutable.
 *
 * <p>The status is the one the launcher's process reports. A process killed by signal {@code n} reports
 * {@code 128 + n} (bubblewrap forwards its child's death that way too), so a process that calls
 * {@code exit(137)} cannot be told from one killed by {@code SIGKILL}; this matches what a shell would say.
 *
 * @param status the exit status, {@code 128 + n} after signal {@code n}
 * @param signal the signal that killed the process, if {@code status} is above 128
 * @param outOfMemory whether the kernel killed a process of the tree because the memory limit was reached
 *     (only detectable with cgroups)
 */
public record Exit(int status, OptionalInt signal, boolean outOfMemory) {

    private static final Map<Integer, String> SIGNAL_NAMES = Map.of(
            1, "hangup", 2, "interrupt", 3, "quit", 4, "illegal instruction", 6, "aborted", 7, "bus error",
            8, "floating point exception", 9, "killed", 11, "segmentation fault", 15, "terminated");

    /** Decodes a status as reported by {@link Process#exitValue()}. */
    public static Exit of(int status, boolean outOfMemory) {
        OptionalInt signal = status > 128 && status < 128 + 65 ? OptionalInt.of(status - 128) : OptionalInt.empty();
        return new Exit(status, signal, outOfMemory);
    }

    /**
     * Describes the exit as Lambda does after {@code Runtime exited with error: }, e.g. {@code exit status 1}
     * or {@code signal: killed}.
     */
    public String describe() {
        if (signal.isPresent()) {
            int number = signal.getAsInt();
            return "signal: " + SIGNAL_NAMES.getOrDefault(number, "signal " + number);
        }
        return "exit status " + status;
    }
}
