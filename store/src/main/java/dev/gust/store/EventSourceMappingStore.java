package dev.gust.store;

import dev.gust.core.Account;
import dev.gust.core.esm.EventSourceMapping;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable event source mappings, keyed by UUID in a namespace (the function's account and region); a UUID is unique
 * across every namespace, and a namespace maps one event source to one function ARN at most once.
 *
 * <p>Implementations are thread-safe; every method is atomic and durable when it returns. Writes that follow a
 * transition compare the stored state first ({@code expectedState}), so the control plane and the pollers' reports
 * never overwrite each other's change. The store checks no AWS rule besides the uniqueness above: the caller does.
 * Implementations must pass {@code EventSourceMappingStoreContract}.
 */
public interface EventSourceMappingStore extends AutoCloseable {

    /**
     * The view of this store in {@code namespace}: what it reads and writes is that namespace's. It shares this
     * store's resources; closing it does nothing.
     */
    EventSourceMappingStore in(Account namespace);

    /**
     * Stores a new mapping, unless the namespace already maps its event source to its function ARN.
     *
     * @return empty when stored; else the mapping that already maps them (and nothing is written)
     * @throws StoreException when another mapping of any namespace already has its UUID
     */
    Optional<EventSourceMapping> create(EventSourceMapping mapping);

    Optional<EventSourceMapping> find(String uuid);

    /**
     * Replaces the mapping of the same UUID, if its stored state is {@code expectedState}; its {@code account} and
     * {@code uuid} never change.
     *
     * @return whether it was replaced ({@code false}: no such mapping, or another state)
     * @throws StoreException when the change would map an event source to a function ARN a second time (check
     *     {@link #conflicting} first to tell the caller which mapping)
     */
    boolean update(EventSourceMapping changed, String expectedState);

    /**
     * Moves the mapping {@code uuid} from {@code from} to {@code to} at {@code when}, keeping everything else: what the
     * pollers' reports write.
     *
     * @return whether it moved ({@code false}: no such mapping, or another state)
     */
    boolean transition(String uuid, String from, String to, Instant when);

    /** Records the mapping's {@code LastProcessingResult}; {@code false} if there is no such mapping. */
    boolean recordResult(String uuid, String lastProcessingResult);

    /** Removes the mapping {@code uuid} if its stored state is {@code expectedState}; whether it did. */
    boolean delete(String uuid, String expectedState);

    /** The mapping other than {@code uuid} that maps {@code eventSourceArn} to {@code functionArn}, if any. */
    Optional<EventSourceMapping> conflicting(String uuid, String eventSourceArn, String functionArn);

    /**
     * The namespace's mappings ordered by UUID, after {@code marker} (a UUID, or {@code null}), at most
     * {@code maxItems}, of only {@code eventSourceArn} and of only {@code functionArn} when those are not
     * {@code null}.
     */
    List<EventSourceMapping> list(String eventSourceArn, String functionArn, String marker, int maxItems);

    /** The mapping {@code uuid} in whichever namespace holds it: how the pollers' reports, named by UUID, find it. */
    Optional<EventSourceMapping> findAnywhere(String uuid);

    /** Every mapping of every namespace, ordered by UUID: what the pollers run at startup. */
    List<EventSourceMapping> all();

    @Override
    void close();
}
