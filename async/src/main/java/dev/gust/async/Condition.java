package dev.gust.async;

/** Why an asynchronous invocation ended, as Lambda names it in the invocation record's {@code condition}. */
enum Condition {
    /** The function returned without error. */
    SUCCESS("Success"),
    /** Every allowed attempt failed with a function error. */
    RETRIES_EXHAUSTED("RetriesExhausted"),
    /** The event grew older than {@code MaximumEventAgeInSeconds} before it could succeed. */
    EVENT_AGE_EXCEEDED("EventAgeExceeded"),
    /** The function's reserved concurrency is zero, so the event was discarded without running. */
    ZERO_RESERVED_CONCURRENCY("ZeroReservedConcurrency");

    private final String wireName;

    Condition(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }
}
