package dev.gust.sns;

import dev.gust.core.Account;
import dev.gust.store.SnsStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every topic and subscription in memory, written through to the {@link SnsStore} before a change is visible.
 * Publishing reads the subscriptions of a topic from memory. Thread-safe: changes are serialised on this object;
 * reads of one topic's subscriptions take a snapshot.
 */
final class SnsRegistry {

    private final SnsStore store;
    /** Topics by ARN, sorted, so that listing pages are stable. */
    private final TreeMap<String, Topic> topics = new TreeMap<>();
    /** Subscriptions by ARN, sorted. */
    private final TreeMap<String, Subscription> subscriptions = new TreeMap<>();
    /** Subscriptions by namespace and id, as the outbox names them. */
    private final Map<Ref, Subscription> byId = new HashMap<>();

    private record Ref(Account account, String id) {

        static Ref of(Subscription s) {
            return new Ref(s.key().topic().account(), s.key().id());
        }
    }

    private SnsRegistry(SnsStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The registry of everything {@code store} holds. */
    static SnsRegistry load(SnsStore store) {
        SnsRegistry registry = new SnsRegistry(store);
        for (SnsStore.StoredTopic stored : store.topics()) {
            Topic topic = StoredDocuments.topic(stored.account(), stored.name(), stored.body());
            registry.topics.put(topic.arn(), topic);
        }
        for (SnsStore.StoredSubscription stored : store.subscriptions()) {
            Subscription s = StoredDocuments.subscription(stored.account(), stored.topicName(),
                    stored.subscriptionId(), stored.body());
            registry.subscriptions.put(s.arn(), s);
            registry.byId.put(Ref.of(s), s);
        }
        return registry;
    }

    synchronized Optional<Topic> topic(String arn) {
        return Optional.ofNullable(topics.get(arn));
    }

    /** The topic {@code arn} names, or AWS's {@code NotFound}. */
    Topic requireTopic(String arn) {
        return topic(arn).orElseThrow(SnsErrors::topicNotFound);
    }

    /** The topics of a namespace, by ARN. */
    synchronized List<Topic> topics(Account account) {
        return topics.values().stream().filter(t -> t.key().account().equals(account)).toList();
    }

    /** Stores a new or changed topic; durable when it returns. */
    synchronized void put(Topic topic) {
        store.putTopic(new SnsStore.StoredTopic(topic.key().account(), topic.key().name(),
                StoredDocuments.topic(topic)));
        topics.put(topic.arn(), topic);
    }

    /** Deletes a topic and its subscriptions; whether it existed. */
    synchronized boolean delete(Topic topic) {
        boolean existed = store.deleteTopic(topic.key().account(), topic.key().name());
        topics.remove(topic.arn());
        subscriptions.values().removeIf(s -> s.key().topic().equals(topic.key()));
        byId.values().removeIf(s -> s.key().topic().equals(topic.key()));
        return existed;
    }

    synchronized Optional<Subscription> subscription(String arn) {
        return Optional.ofNullable(subscriptions.get(arn));
    }

    /** The subscription of a namespace with id {@code id}. */
    synchronized Optional<Subscription> subscription(Account account, String id) {
        return Optional.ofNullable(byId.get(new Ref(account, id)));
    }

    /** The subscriptions of a namespace, by ARN. */
    synchronized List<Subscription> subscriptions(Account account) {
        return subscriptions.values().stream().filter(s -> s.key().topic().account().equals(account)).toList();
    }

    /** The subscriptions of one topic, by ARN. */
    synchronized List<Subscription> subscriptionsOf(TopicKey topic) {
        List<Subscription> of = new ArrayList<>();
        for (Map.Entry<String, Subscription> e : subscriptions.tailMap(topic.arn() + ":").entrySet()) {
            if (!e.getValue().key().topic().equals(topic)) {
                break;
            }
            of.add(e.getValue());
        }
        return of;
    }

    /** Stores a new or changed subscription; durable when it returns. */
    synchronized void put(Subscription s) {
        store.putSubscription(new SnsStore.StoredSubscription(s.key().topic().account(), s.key().id(),
                s.key().topic().name(), StoredDocuments.subscription(s)));
        subscriptions.put(s.arn(), s);
        byId.put(Ref.of(s), s);
    }

    /** Deletes a subscription and its pending deliveries; whether it existed. */
    synchronized boolean delete(Subscription s) {
        boolean existed = store.deleteSubscription(s.key().topic().account(), s.key().id());
        subscriptions.remove(s.arn());
        byId.remove(Ref.of(s));
        return existed;
    }
}
