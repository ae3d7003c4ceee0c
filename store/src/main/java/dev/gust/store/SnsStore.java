package dev.gust.store;

import dev.gust.core.Account;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The stored SNS topics, subscriptions and delivery outbox of every namespace. Topics and subscriptions are their
 * owner's JSON documents, written whole on every change; a delivery is one notification on its way to one
 * subscription, stored before the publish that made it is acknowledged and removed only once it was delivered or
 * given up.
 *
 * <p>Implementations are thread-safe; every write is durable when it returns.
 */
public interface SnsStore extends AutoCloseable {

    /**
     * One stored topic.
     *
     * @param account the account and region that own the topic
     * @param name the topic's name (unique in its namespace)
     * @param body the owner's JSON document of the topic (attributes, tags)
     */
    record StoredTopic(Account account, String name, String body) {

        public StoredTopic {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * One stored subscription.
     *
     * @param account the account and region of its topic
     * @param subscriptionId the last part of the subscription's ARN (unique in its namespace)
     * @param topicName the name of the topic it belongs to
     * @param body the owner's JSON document of the subscription (protocol, endpoint, attributes, state)
     */
    record StoredSubscription(Account account, String subscriptionId, String topicName, String body) {

        public StoredSubscription {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(topicName, "topicName");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A delivery to make: a notification for one subscription.
     *
     * @param account the account and region of the subscription
     * @param subscriptionId the subscription it goes to
     * @param notification the owner's JSON document of the notification
     */
    record NewDelivery(Account account, String subscriptionId, String notification) {

        public NewDelivery {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(subscriptionId, "subscriptionId");
            Objects.requireNonNull(notification, "notification");
        }
    }

    /**
     * A stored delivery.
     *
     * @param id its id, increasing in the order deliveries were stored
     * @param account the account and region of the subscription
     * @param subscriptionId the subscription it goes to
     * @param notification the owner's JSON document of the notification
     * @param attempts how many attempts failed so far
     * @param dueAtMillis when the next attempt is due, in epoch milliseconds
     */
    record Delivery(long id, Account account, String subscriptionId, String notification, int attempts,
            long dueAtMillis) {
    }

    /** Every stored topic of every namespace. */
    List<StoredTopic> topics();

    /** Stores {@code topic}, replacing the document of the topic with its name in its namespace. */
    void putTopic(StoredTopic topic);

    /** Deletes a topic with its subscriptions and their pending deliveries, in one transaction; whether it existed. */
    boolean deleteTopic(Account account, String name);

    /** Every stored subscription of every namespace. */
    List<StoredSubscription> subscriptions();

    /** Stores {@code subscription}, replacing the document of the subscription with its id in its namespace. */
    void putSubscription(StoredSubscription subscription);

    /** Deletes a subscription and its pending deliveries, in one transaction; whether it existed. */
    boolean deleteSubscription(Account account, String subscriptionId);

    /** Stores deliveries, all or none, due at {@code dueAtMillis}; durable when it returns. */
    void enqueue(Collection<NewDelivery> deliveries, long dueAtMillis);

    /**
     * The deliveries due at {@code nowMillis}, the earliest first, at most {@code limit}, skipping those whose id is
     * in {@code skip} (the ones in flight).
     */
    List<Delivery> due(long nowMillis, Collection<Long> skip, int limit);

    /** The earliest due time of any stored delivery, or {@code Long.MAX_VALUE} when there is none. */
    long nextDue();

    /** Removes a delivery that succeeded or was given up; whether it was stored. */
    boolean remove(long id);

    /** Records a failed attempt: the delivery is due again at {@code dueAtMillis} with {@code attempts} so far. */
    void reschedule(long id, int attempts, long dueAtMillis);

    @Override
    void close();
}
