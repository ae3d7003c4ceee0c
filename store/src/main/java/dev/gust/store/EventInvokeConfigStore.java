package dev.gust.store;

import dev.gust.core.Account;
import java.util.Optional;

/**
 * Durable asynchronous invocation settings ({@link EventInvokeConfig}), keyed by function name and qualifier.
 *
 * <p>Implementations are thread-safe; every method is atomic and durable when it returns. The store does not
 * check that the function exists: the caller does, and deletes a function's settings before the function
 * itself (see {@link #deleteFunction}). Implementations must pass {@code EventInvokeConfigStoreContract}.
 */
public interface EventInvokeConfigStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace} (an account and a region): what it reads and writes is that
     * namespace's. It shares this store's resources; closing it does nothing.
     */
    EventInvokeConfigStore in(Account namespace);

    /**
     * Stores {@code config}, replacing whatever the same function and qualifier had. Updates that merge with the
     * stored settings read them with {@link #find} first; the last write wins.
     */
    void put(EventInvokeConfig config);

    Optional<EventInvokeConfig> find(String functionName, String qualifier);

    /** Deletes the settings of one function and qualifier; {@code false} if there were none. */
    boolean delete(String functionName, String qualifier);

    /**
     * Lists a function's settings in ascending qualifier order (by character code), starting after
     * {@code marker}.
     *
     * @param marker the {@link EventInvokeConfigPage#nextMarker()} of the previous page, or {@code null} for the
     *     first
     * @param maxItems at most this many (1..10000; the API allows up to 50)
     */
    EventInvokeConfigPage list(String functionName, String marker, int maxItems);

    /**
     * Deletes every qualifier's settings of a function, as part of deleting the function. Called before the
     * function's own record is deleted, so that a crash in between leaves the function (whose deletion was not
     * acknowledged) rather than settings that a new function of the same name would inherit.
     *
     * @return how many settings were deleted
     */
    int deleteFunction(String functionName);

    @Override
    void close();
}
