package dev.gust.engine;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The error payloads the Lambda service itself (not the runtime) returns, worded as AWS words them. Stateless. */
final class ErrorPayloads {

    private ErrorPayloads() {
    }

    /** {@code Sandbox.Timedout}: the invocation ran past the function's timeout. */
    static byte[] timedOut(String requestId, int timeoutSeconds) {
        return error("Sandbox.Timedout", "RequestId: " + requestId + " Error: " + timedOutText(timeoutSeconds));
    }

    /** The text of the timeout, also written to the function's log. */
    static String timedOutText(int timeoutSeconds) {
        return String.format(Locale.ROOT, "Task timed out after %.2f seconds", (double) timeoutSeconds);
    }

    /** {@code Runtime.ExitError}: the runtime process ended during the invocation. */
    static byte[] exited(String requestId, Integer exitStatus, Integer signal) {
        return error("Runtime.ExitError", "RequestId: " + requestId + " Error: " + exitReason(exitStatus, signal));
    }

    /** Why the runtime ended, as Lambda words it in {@code Runtime.ExitError} and in the log. */
    static String exitReason(Integer exitStatus, Integer signal) {
        return signal != null ? "Runtime exited with error: signal: " + signalName(signal)
                : exitStatus != null && exitStatus != 0 ? "Runtime exited with error: exit status " + exitStatus
                : "Runtime exited without providing a reason";
    }

    /**
     * {@code Runtime.InvalidEntrypoint}: a custom runtime's {@code bootstrap} is missing ({@code reason} then names
     * the paths Lambda looked at) or cannot be run.
     */
    static byte[] invalidEntrypoint(String requestId, String reason) {
        return error("Runtime.InvalidEntrypoint", "RequestId: " + requestId + " Error: " + reason);
    }

    /** {@code Runtime.OutOfMemory}: the instance hit its memory limit. */
    static byte[] outOfMemory(String requestId) {
        return error("Runtime.OutOfMemory", "RequestId: " + requestId + " Error: Runtime exited with error: signal: killed");
    }

    /** An init failure without a body from the runtime. */
    static byte[] initFailed(String requestId, String reason) {
        return error("Runtime.Unknown", "RequestId: " + requestId + " Error: " + reason);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 11 -> "segmentation fault";
            case 6 -> "aborted";
            case 15 -> "terminated";
            default -> "signal " + signal;
        };
    }

    /** A Lambda error payload: {@code {"errorType":…,"errorMessage":…}}. */
    static byte[] error(String type, String message) {
        return ("{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
