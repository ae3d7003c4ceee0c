package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.permissions.FunctionPolicy;
import java.util.List;
import java.util.Optional;

/**
 * Durable resource-based policies of functions (AddPermission), one per function ({@code $LATEST}), published
 * version or alias, keyed by (function name, qualifier).
 *
 * <p>Implementations are thread-safe; every method is atomic and durable when it returns. The store checks
 * neither that the function, version or alias exists nor any limit: the caller does. Implementations must pass
 * {@code FunctionPolicyStoreContract}.
 */
public interface FunctionPolicyStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace} (an account and a region): what it reads and writes is that
     * namespace's. It shares this store's resources; closing it does nothing.
     */
    FunctionPolicyStore in(Account namespace);

    /** The qualifier under which the unqualified function's policy is kept. */
    String LATEST = "$LATEST";

    /** Where a policy is kept: a function and {@link #LATEST}, a version number or an alias name. */
    record Key(String functionName, String qualifier) {
    }

    /** The outcome of {@link #replace}. */
    enum Write { WRITTEN, REVISION_MISMATCH }

    Optional<FunctionPolicy> find(String functionName, String qualifier);

    /**
     * Replaces the policy of (function, qualifier) with {@code policy}, or removes it if empty, provided the policy
     * kept now has the revision id {@code expectedRevisionId} ({@code null}: provided there is none).
     */
    Write replace(String functionName, String qualifier, String expectedRevisionId, Optional<FunctionPolicy> policy);

    /** Removes one policy; {@code false} if there was none. */
    boolean delete(String functionName, String qualifier);

    /** Removes every policy of a function (it was deleted). */
    void deleteFunction(String functionName);

    /** Where policies are kept, ordered by function name and qualifier: for sweeping leftovers at startup. */
    List<Key> keys();

    @Override
    void close();
}
