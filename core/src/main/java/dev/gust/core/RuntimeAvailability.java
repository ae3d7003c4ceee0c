package dev.gust.core;

import java.util.Optional;

/**
 * Whether this server can run functions of a runtime id: the seam through which CreateFunction and
 * UpdateFunctionConfiguration refuse a runtime that has no interpreter here, instead of failing at first invoke,
 * and through which their responses say which interpreter runs it.
 */
@FunctionalInterface
public interface RuntimeAvailability {

    /**
     * @throws LambdaException InvalidParameterValueException naming what is missing
     */
    void requireAvailable(String runtime);

    /**
     * A one-line note when the runtime id runs on an interpreter of another language version (python3.12 on Python
     * 3.11), naming that interpreter; empty when the versions agree or the id has no interpreter.
     */
    default Optional<String> substitution(String runtime) {
        return Optional.empty();
    }
}
