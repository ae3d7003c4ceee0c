package dev.gust.runtimeapi;

/**
 * Where a runtime is in its life, as seen by its endpoint, named as the Lambda runtime interface emulator names the
 * states in its {@code InvalidStateTransition} messages.
 */
enum RuntimeState {
    /** Started, has not asked for an invocation yet: initialising. */
    STARTED("Started"),
    /** Asked for an invocation and has none: idle. */
    READY("Ready"),
    /** Has an invocation in flight. */
    RUNNING("Running"),
    /** Answered its invocation and has not asked for the next one yet. */
    RESPONSE_SENT("RuntimeResponseSentState"),
    /** Reported an init error; it must exit. */
    INIT_ERROR("InitError");

    final String wireName;

    RuntimeState(String wireName) {
        this.wireName = wireName;
    }

    /** A transition a runtime asks for with a request, named for the {@code InvalidStateTransition} message. */
    enum Transition {
        READY("Ready"),
        INVOCATION_RESPONSE("InvocationResponse"),
        INVOCATION_ERROR_RESPONSE("InvocationErrorResponse"),
        INIT_ERROR("InitError");

        final String wireName;

        Transition(String wireName) {
            this.wireName = wireName;
        }
    }
}
