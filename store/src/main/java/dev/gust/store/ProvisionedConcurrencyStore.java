package dev.gust.store;

import dev.gust.core.Account;
import java.util.List;
import java.util.Optional;

/**
 * Durable provisioned concurrency configs ({@code PutProvisionedConcurrencyConfig}), one per version or alias of a
 * function, keyed by (function name, qualifier).
 *
 * <p>Implementations are thread-safe; every method is atomic and durable when it returns. The store checks neither
 * that the function, version or alias exists nor any limit: the caller does. Implementations must pass
 * {@code ProvisionedConcurrencyStoreContract}.
 */
public interface ProvisionedConcurrencyStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace} (an account and a region): what it reads and writes is that
     * namespace's. It shares this store's resources; closing it does nothing.
     */
    ProvisionedConcurrencyStore in(Account namespace);

    /** Stores the config, replacing the one of the same function and qualifier. */
    void put(ProvisionedConcurrencyConfig config);

    Optional<ProvisionedConcurrencyConfig> find(String functionName, String qualifier);

    /** Removes one config; {@code false} if there was none. */
    boolean delete(String functionName, String qualifier);

    /** Removes every config of a function (it was deleted). */
    void deleteFunction(String functionName);

    /** The function's configs, ordered by qualifier. */
    List<ProvisionedConcurrencyConfig> list(String functionName);

    /** Every config, ordered by function name and qualifier, for provisioning at startup. */
    List<ProvisionedConcurrencyConfig> all();

    @Override
    void close();
}
