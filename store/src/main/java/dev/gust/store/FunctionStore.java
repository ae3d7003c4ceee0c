package dev.gust.store;

import dev.gust.core.Account;
import java.util.Optional;
import java.util.Set;

/**
 * Durable metadata of functions, keyed by function name within a namespace (an account and a region): each
 * instance is the view of one namespace, and {@link #in} gives the view of another, so a function {@code x} in one
 * namespace is unrelated to an {@code x} in another.
 *
 * <p>Implementations are thread-safe. Every method is atomic: after a crash at any point the store holds the
 * state before or after the call, never a mixture. Implementations must pass {@code FunctionStoreContract}.
 */
public interface FunctionStore extends AutoCloseable {

    /** The view of this store in {@code namespace}; it shares this store's resources and closing it does nothing. */
    FunctionStore in(Account namespace);

    /** The namespaces that hold at least one function. */
    Set<Account> namespaces();

    /** The outcome of a compare-and-set {@link #replace}. */
    enum ReplaceOutcome { REPLACED, NOT_FOUND, REVISION_MISMATCH }

    /**
     * Inserts a new function.
     *
     * @return {@code false}, changing nothing, if a function of that name exists
     */
    boolean create(FunctionRecord record);

    Optional<FunctionRecord> find(String functionName);

    /**
     * Replaces a function's record if its stored revision id equals {@code expectedRevisionId}.
     */
    ReplaceOutcome replace(FunctionRecord updated, String expectedRevisionId);

    /**
     * Lists this namespace's functions in ascending name order, starting after {@code marker}.
     *
     * @param marker the {@link FunctionPage#nextMarker()} of the previous page, or {@code null} for the first
     * @param maxItems at most this many functions (1..10000)
     */
    FunctionPage list(String marker, int maxItems);

    /** Deletes a function; {@code false} if there was none. */
    boolean delete(String functionName);

    /** Number of functions in this namespace. */
    int count();

    /**
     * The {@code sha256Hex} of every code package that some function's {@code $LATEST} or published version uses:
     * its own code and its layers, in every namespace (packages are shared across namespaces).
     */
    Set<String> referencedPackages();

    @Override
    void close();
}
