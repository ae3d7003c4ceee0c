package dev.gust.store;

import dev.gust.core.identity.IdentityChange;
import dev.gust.core.identity.IdentityEntity;
import java.util.List;

/**
 * The durable state of the global identity services, IAM and Organizations: {@link IdentityEntity}s keyed by account,
 * kind and name. Their owners keep everything in memory and write through this store; a write is durable when
 * {@link #commit} returns. Implementations are thread-safe.
 */
public interface IdentityStore extends AutoCloseable {

    /** Every stored entity, ordered by account, kind and name: what the owners load at startup. */
    List<IdentityEntity> all();

    /** Applies {@code changes} in order, all or none, durably. */
    void commit(List<IdentityChange> changes);

    @Override
    void close();
}
