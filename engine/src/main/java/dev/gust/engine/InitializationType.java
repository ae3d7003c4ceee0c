package dev.gust.engine;

/**
 * How an instance came to be, as the runtime sees it in {@code AWS_LAMBDA_INITIALIZATION_TYPE}: started for an
 * invocation, or ahead of time for provisioned concurrency.
 */
enum InitializationType {
    ON_DEMAND("on-demand"),
    PROVISIONED_CONCURRENCY("provisioned-concurrency");

    private final String value;

    InitializationType(String value) {
        this.value = value;
    }

    /** The value of {@code AWS_LAMBDA_INITIALIZATION_TYPE}. */
    String value() {
        return value;
    }
}
