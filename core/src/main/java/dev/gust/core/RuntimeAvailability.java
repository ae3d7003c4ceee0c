package dev.gust.core;

/**
 * Whether this server can run functions of a runtime id: the seam through which CreateFunction and
 * UpdateFunctionConfiguration refuse a runtime that has no interpreter here, instead of failing at first invoke.
 */
@FunctionalInterface
public interface RuntimeAvailability {

    /**
     * @throws LambdaException InvalidParameterValueException naming what is missing
     */
    void requireAvailable(String runtime);
}
