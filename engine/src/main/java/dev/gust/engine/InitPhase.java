package dev.gust.engine;

/**
 * When an instance's init runs, as Lambda names it in {@code INIT_REPORT} lines: in the init phase, bounded by
 * {@link #INIT_TIMEOUT_SECONDS}, or again within an invocation after that init timed out (a "suppressed init"),
 * bounded by the function's own timeout.
 */
enum InitPhase {
    INIT("init"),
    INVOKE("invoke");

    /** Lambda's bound on an on-demand init phase. */
    static final int INIT_TIMEOUT_SECONDS = 10;

    private final String value;

    InitPhase(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }
}
