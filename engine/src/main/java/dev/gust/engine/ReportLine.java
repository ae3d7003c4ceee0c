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

    /** The line Lambda logs when an invocation times out. */
    static String timedOut(String requestId, java.time.Instant at, int timeoutSeconds) {
        return at.toString() + " " + requestId + " " + ErrorPayloads.timedOutText(timeoutSeconds) + "\n";
    }
}
