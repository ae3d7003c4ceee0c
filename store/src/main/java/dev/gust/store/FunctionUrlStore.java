package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.urls.FunctionUrlConfig;
import java.util.List;
import java.util.Optional;

/**
 * Durable function URL configs, one per function ({@code $LATEST}) or alias, keyed by (function name, qualifier) in a
 * namespace; each URL's id is unique across every namespace.
 *
 * <p>Implementations are thread-safe; every method is atomic and durable when it returns. The store checks neither
 * that the function or alias exists nor any AWS rule: the caller does. Implementations must pass
 * {@code FunctionUrlStoreContract}.
 */
public interface FunctionUrlStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace} (an account and a region): what it reads and writes is that
     * namespace's. It shares this store's resources; closing it does nothing.
     */
    FunctionUrlStore in(Account namespace);

    /**
     * Stores a new config; {@code false} (and nothing written) when its function and qualifier already have one.
     *
     * @throws StoreException when another URL of any namespace already has its id
     */
    boolean create(FunctionUrlConfig config);

    /** Replaces the config of the same function and qualifier; {@code false} if there is none. */
    boolean update(FunctionUrlConfig config);

    Optional<FunctionUrlConfig> find(String functionName, String qualifier);

    /** Removes one config and returns it, or empty if there was none. */
    Optional<FunctionUrlConfig> delete(String functionName, String qualifier);

    /** Removes every config of a function (it was deleted) and returns them. */
    List<FunctionUrlConfig> deleteFunction(String functionName);

    /** The function's configs ordered by qualifier, after {@code marker} (a qualifier), at most {@code maxItems}. */
    List<FunctionUrlConfig> list(String functionName, String marker, int maxItems);

    /** Every config of every namespace, for the data plane's memory at startup. */
    List<FunctionUrlConfig> everywhere();

    @Override
    void close();
}
