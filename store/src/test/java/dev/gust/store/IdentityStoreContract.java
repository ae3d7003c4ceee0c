package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.identity.IdentityChange;
import dev.gust.core.identity.IdentityEntity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link IdentityStore} must show. A store's test extends this class and says how to open a
 * store on a directory; opening again on the same directory must see the same data.
 */
public abstract class IdentityStoreContract {

    @TempDir
    Path directory;

    private IdentityStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract IdentityStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void startsEmpty() {
        assertThat(store.all()).isEmpty();
    }

    @Test
    void keepsPutEntitiesOrderedByAccountKindAndName() {
        store.commit(List.of(IdentityChange.put("111111111111", "iam/user", "bob", "{\"b\":1}"),
                IdentityChange.put("000000000000", "iam/user", "alice", "{}"),
                IdentityChange.put("000000000000", "iam/role", "r", "{}")));

        assertThat(store.all()).containsExactly(new IdentityEntity("000000000000", "iam/role", "r", "{}"),
                new IdentityEntity("000000000000", "iam/user", "alice", "{}"),
                new IdentityEntity("111111111111", "iam/user", "bob", "{\"b\":1}"));
    }

    @Test
    void replacesAnEntityOnPutAndRemovesItOnDelete() {
        store.commit(List.of(IdentityChange.put("000000000000", "iam/user", "alice", "{\"v\":1}"),
                IdentityChange.put("000000000000", "iam/user", "bob", "{}")));

        store.commit(List.of(IdentityChange.put("000000000000", "iam/user", "alice", "{\"v\":2}"),
                IdentityChange.delete("000000000000", "iam/user", "bob"),
                IdentityChange.delete("000000000000", "iam/user", "nobody")));

        assertThat(store.all()).containsExactly(new IdentityEntity("000000000000", "iam/user", "alice", "{\"v\":2}"));
    }

    @Test
    void keepsTheSameNameApartInAnotherAccountOrKind() {
        store.commit(List.of(IdentityChange.put("000000000000", "iam/user", "x", "{\"a\":0}"),
                IdentityChange.put("111111111111", "iam/user", "x", "{\"a\":1}"),
                IdentityChange.put("000000000000", "iam/role", "x", "{\"r\":0}")));

        store.commit(List.of(IdentityChange.delete("111111111111", "iam/user", "x")));

        assertThat(store.all()).extracting(IdentityEntity::body).containsExactly("{\"r\":0}", "{\"a\":0}");
    }

    @Test
    void seesCommittedEntitiesAfterReopening() {
        store.commit(List.of(IdentityChange.put("000000000000", "organizations/account", "123456789012", "{}")));
        store.close();

        store = open(directory);

        assertThat(store.all()).containsExactly(
                new IdentityEntity("000000000000", "organizations/account", "123456789012", "{}"));
    }
}
