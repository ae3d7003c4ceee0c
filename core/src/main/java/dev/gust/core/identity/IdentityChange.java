package dev.gust.core.identity;

import java.util.Objects;

/** One change to the stored {@link IdentityEntity}s: a put (create or replace) or a delete. Immutable. */
public sealed interface IdentityChange {

    /** Creates or replaces {@code entity}. */
    record Put(IdentityEntity entity) implements IdentityChange {

        public Put {
            Objects.requireNonNull(entity, "entity");
        }
    }

    /** Deletes the entity {@code name} of {@code kind} in {@code accountId}, if it exists. */
    record Delete(String accountId, String kind, String name) implements IdentityChange {

        public Delete {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
        }
    }

    static IdentityChange put(String accountId, String kind, String name, String body) {
        return new Put(new IdentityEntity(accountId, kind, name, body));
    }

    static IdentityChange delete(String accountId, String kind, String name) {
        return new Delete(accountId, kind, name);
    }
}
