package dev.gust.engine;

import java.util.Locale;

/** The platform's log lines for one invocation, byte for byte as Lambda writes them. Stateless. */
final class ReportLine {

    private ReportLine() {
    }

    static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version + "\n";
    }

    static String end(String requestId) {
        return "END RequestId: " + requestId + "\n";
    }

    /**
     * The REPORT line.
     *
     * @param durationNanos handler time
     * @param initDurationNanos the cold start's init time, or a negative number on a warm start
     */
    static String report(String requestId, long durationNanos, int memorySizeMb, long maxMemoryUsedBytes,
            long initDurationNanos) {
        double durationMs = durationNanos / 1_000_000.0;
        long billedMs = Math.max(1, (durationNanos + 999_999) / 1_000_000);
        long maxUsedMb = Math.max(1, (maxMemoryUsedBytes + (1 << 20) - 1) >> 20);
        StringBuilder line = new StringBuilder(160)
                .append("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", durationMs)).append(" ms")
                .append("\tBilled Duration: ").append(billedMs).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxUsedMb).append(" MB");
        if (initDurationNanos >= 0) {
            line.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", initDurationNanos / 1_000_000.0))
                    .append(" ms");
        }
        return line.append("\t\n").toString();
    }

    /**
     * The {@code INIT_REPORT} line Lambda writes when an init fails or times out, e.g.
     * {@code INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout}.
     *
     * @param phase {@code init} (the instance's own init) or {@code invoke} (init retried within an invocation)
     * @param status {@code timeout} or {@code error}
     * @param errorType the error's type, with status {@code error}; otherwise {@code null}
     */
    static String initReport(long initDurationNanos, InitPhase phase, String status, String errorType) {
        StringBuilder line = new StringBuilder(120).append("INIT_REPORT Init Duration: ")
                .append(String.format(Locale.ROOT, "%.2f", initDurationNanos / 1_000_000.0)).append(" ms")
                .append("\tPhase: ").append(phase.value()).append("\tStatus: ").append(status);
        if (errorType != null) {
            line.append("\tError Type: ").append(errorType);
        }
        return line.append('\n').toString();
    }

    /**
     * The two lines Lambda logs when the runtime process ends an invocation by exiting, e.g.
     * {@code RequestId: 1234 Error: Runtime exited with error: exit status 1} and {@code Runtime.ExitError}.
     */
    static String runtimeExited(String requestId, String errorType, String reason) {
        return "RequestId: " + requestId + " Error: " + reason + "\n" + errorType + "\n";
    }

    /** The line Lambda logs when an invocation times out. */
    static String timedOut(String requestId, java.time.Instant at, int timeoutSeconds) {
        return at.toString() + " " + requestId + " " + ErrorPayloads.timedOutText(timeoutSeconds) + "\n";
    }
}
