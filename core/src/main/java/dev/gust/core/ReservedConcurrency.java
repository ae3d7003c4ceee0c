package dev.gust.core;

import java.util.OptionalInt;

/**
 * The account's concurrency as the engine enforces it: the account limit, and the concurrency each function
 * reserves out of it ({@code PutFunctionConcurrency}). Reserved concurrency applies to the whole function, every
 * version and alias together, so it is keyed by the bare function name.
 *
 * <p>This is the live, in-memory view the invoke path reads; the control plane persists a change first and then
 * applies it here. Implementations are thread-safe; reads never block.
 */
public interface ReservedConcurrency {

    /** The account's concurrency limit ({@code ConcurrentExecutions}). */
    int accountLimit();

    /** The function's reserved concurrency, if it has any. */
    OptionalInt find(String functionName);

    /** The sum of every function's reserved concurrency. */
    int totalReserved();

    /** Sets the function's reserved concurrency ({@code >= 0}), replacing any it had. */
    void reserve(String functionName, int reserved);

    /** Removes the function's reserved concurrency, if it had any: it shares the unreserved pool again. */
    void unreserve(String functionName);

    /**
     * The function's provisioned concurrency, all versions and aliases together: held out of its reservation, or
     * out of the unreserved pool if it has none.
     */
    int provisioned(String functionName);

    /** The provisioned concurrency of functions without a reservation, held out of the unreserved pool. */
    int provisionedWithoutReservation();
}
