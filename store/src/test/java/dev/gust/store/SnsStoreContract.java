package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gust.core.Account;
import dev.gust.store.SnsStore.Delivery;
import dev.gust.store.SnsStore.NewDelivery;
import dev.gust.store.SnsStore.StoredSubscription;
import dev.gust.store.SnsStore.StoredTopic;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link SnsStore} must show. A store's test extends this class and says how to open a store on
 * a directory; opening again on the same directory must see the same data.
 */
public abstract class SnsStoreContract {

    private static final Account HOME = Account.defaults();
    private static final Account OTHER = new Account("111122223333", "eu-west-1");

    @TempDir
    Path directory;

    private SnsStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract SnsStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private void reopen() {
        store.close();
        store = open(directory);
    }

    @Test
    void topicsOfTheSameNameLiveInTheirOwnNamespaces() {
        store.putTopic(new StoredTopic(HOME, "orders", "{\"a\":1}"));
        store.putTopic(new StoredTopic(OTHER, "orders", "{\"b\":2}"));
        store.putTopic(new StoredTopic(HOME, "orders", "{\"a\":3}"));
        reopen();
        assertThat(store.topics()).containsExactlyInAnyOrder(new StoredTopic(HOME, "orders", "{\"a\":3}"),
                new StoredTopic(OTHER, "orders", "{\"b\":2}"));
    }

    @Test
    void deletingATopicDeletesItsSubscriptionsAndTheirDeliveriesOnly() {
        store.putTopic(new StoredTopic(HOME, "orders", "{}"));
        store.putTopic(new StoredTopic(HOME, "audit", "{}"));
        store.putTopic(new StoredTopic(OTHER, "orders", "{}"));
        store.putSubscription(new StoredSubscription(HOME, "s1", "orders", "{}"));
        store.putSubscription(new StoredSubscription(HOME, "s2", "audit", "{}"));
        store.putSubscription(new StoredSubscription(OTHER, "s1", "orders", "{}"));
        store.enqueue(List.of(new NewDelivery(HOME, "s1", "m1"), new NewDelivery(HOME, "s2", "m1"),
                new NewDelivery(OTHER, "s1", "m1")), 0);

        assertThat(store.deleteTopic(HOME, "orders")).isTrue();
        assertThat(store.deleteTopic(HOME, "orders")).isFalse();

        assertThat(store.topics()).extracting(StoredTopic::name, t -> t.account())
                .containsExactlyInAnyOrder(tuple("audit", HOME),
                        tuple("orders", OTHER));
        assertThat(store.subscriptions()).extracting(StoredSubscription::subscriptionId,
                StoredSubscription::account).containsExactlyInAnyOrder(tuple("s2", HOME),
                tuple("s1", OTHER));
        assertThat(store.due(0, Set.of(), 10)).extracting(Delivery::subscriptionId, Delivery::account)
                .containsExactlyInAnyOrder(tuple("s2", HOME),
                        tuple("s1", OTHER));
    }

    @Test
    void deliveriesSurviveAReopenAndComeDueInOrder() {
        store.enqueue(List.of(new NewDelivery(HOME, "s1", "first"), new NewDelivery(HOME, "s2", "first")), 100);
        store.enqueue(List.of(new NewDelivery(HOME, "s1", "second")), 50);
        reopen();

        assertThat(store.nextDue()).isEqualTo(50);
        assertThat(store.due(49, Set.of(), 10)).isEmpty();
        assertThat(store.due(100, Set.of(), 10)).extracting(Delivery::notification)
                .containsExactly("second", "first", "first");
        assertThat(store.due(100, Set.of(), 1)).extracting(Delivery::notification).containsExactly("second");
    }

    @Test
    void dueSkipsTheDeliveriesInFlight() {
        store.enqueue(List.of(new NewDelivery(HOME, "s1", "a"), new NewDelivery(HOME, "s1", "b"),
                new NewDelivery(HOME, "s1", "c")), 0);
        List<Delivery> all = store.due(0, Set.of(), 10);

        List<Delivery> rest = store.due(0, Set.of(all.get(0).id(), all.get(1).id()), 2);

        assertThat(rest).extracting(Delivery::notification).containsExactly("c");
    }

    @Test
    void aRescheduledDeliveryComesBackLaterWithItsAttempts() {
        store.enqueue(List.of(new NewDelivery(HOME, "s1", "a")), 0);
        long id = store.due(0, Set.of(), 1).getFirst().id();

        store.reschedule(id, 2, 500);
        reopen();

        assertThat(store.due(499, Set.of(), 10)).isEmpty();
        Delivery again = store.due(500, Set.of(), 10).getFirst();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.attempts()).isEqualTo(2);
        assertThat(store.remove(id)).isTrue();
        assertThat(store.remove(id)).isFalse();
        assertThat(store.nextDue()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void deletingASubscriptionDropsItsDeliveries() {
        store.putSubscription(new StoredSubscription(HOME, "s1", "orders", "{\"v\":1}"));
        store.putSubscription(new StoredSubscription(HOME, "s1", "orders", "{\"v\":2}"));
        store.enqueue(List.of(new NewDelivery(HOME, "s1", "a"), new NewDelivery(OTHER, "s1", "a")), 0);
        assertThat(store.subscriptions()).containsExactly(new StoredSubscription(HOME, "s1", "orders", "{\"v\":2}"));

        assertThat(store.deleteSubscription(HOME, "s1")).isTrue();

        assertThat(store.subscriptions()).isEmpty();
        assertThat(store.due(0, Set.of(), 10)).extracting(Delivery::account).containsExactly(OTHER);
    }
}
