package dev.gust.runtimes.java;

/**
 * What a runtime answered for one invocation (or for its initialisation), as it reached the Runtime API. Immutable.
 *
 * @param requestId the invocation's request id (empty for an init error)
 * @param isError whether the runtime posted to {@code /error} rather than {@code /response}
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} header of an error, or null
 * @param body the posted body, as UTF-8 text
 */
record InvocationOutcome(String requestId, boolean isError, String errorType, String body) {
}
