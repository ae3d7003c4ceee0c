package dev.gust.store;

import dev.gust.core.Account;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Durable reserved concurrency ({@code PutFunctionConcurrency}): how many concurrent executions each function
 * reserves out of the account's limit, keyed by the bare function name (it applies to every version and alias).
 *
 * <p>Implementations are thread-safe; every method is atomic and durable when it returns. The store checks
 * neither that the function exists nor the account's limits: the caller does. Implementations must pass
 * {@code ReservedConcurrencyStoreContract}.
 */
public interface ReservedConcurrencyStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace} (an account and a region): what it reads and writes is that
     * namespace's. It shares this store's resources; closing it does nothing.
     */
    ReservedConcurrencyStore in(Account namespace);

    /** Stores the function's reserved concurrency ({@code >= 0}), replacing any it had. */
    void put(String functionName, int reserved);

    OptionalInt find(String functionName);

    /** Removes the function's reserved concurrency; {@code false} if it had none. */
    boolean delete(String functionName);

    /** Every function's reserved concurrency, for loading the engine's limits at startup. */
    Map<String, Integer> all();

    @Override
    void close();
}
