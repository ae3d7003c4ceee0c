package dev.gust.runtimes.java;

import java.util.Arrays;
import java.util.Optional;

/**
 * A Lambda runtime id this module runs: {@code java21} or {@code java25}. Both start the same runtime interface
 * client with the same options; they differ in {@code AWS_EXECUTION_ENV}.
 *
 * <p>Immutable and thread-safe.
 */
public enum JavaRuntimeId {
    JAVA21("java21"),
    JAVA25("java25");

    private final String id;

    JavaRuntimeId(String id) {
        this.id = id;
    }

    /** The runtime id for a function's {@code Runtime}, if it is one of these. */
    public static Optional<JavaRuntimeId> find(String runtime) {
        return Arrays.stream(values()).filter(value -> value.id.equals(runtime)).findFirst();
    }

    /** The id as Lambda spells it, for example {@code java21}. */
    public String id() {
        return id;
    }

    /** The value of {@code AWS_EXECUTION_ENV}, for example {@code AWS_Lambda_java21}. */
    public String executionEnvironment() {
        return "AWS_Lambda_" + id;
    }
}
