package dev.gust.sns;

import dev.gust.store.SnsStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a FIFO topic's message groups in order on their way to each subscription: one delivery per subscription and
 * message group is attempted at a time (the group's head, held through its retries until it is delivered or given
 * up); the later ones of the group are parked until the head is released. Deliveries without a group pass freely.
 * In memory only: after a restart the outbox's order (due time, then id) decides again. Thread-safe.
 */
final class MessageGroups {

    private final Map<String, Long> heads = new HashMap<>();
    private final Map<String, Set<Long>> parked = new HashMap<>();
    private final Set<Long> parkedIds = new HashSet<>();

    /** The group a delivery belongs to, per subscription, or {@code null} when it has none. */
    static String key(SnsStore.Delivery delivery, Notification n) {
        return n.messageGroupId() == null ? null : delivery.account().accountId() + "/" + delivery.account().region()
                + "/" + delivery.subscriptionId() + "/" + n.messageGroupId();
    }

    /** Whether the delivery {@code id} may be attempted now; if not, it is parked behind its group's head. */
    synchronized boolean claim(String key, long id) {
        if (key == null) {
            return true;
        }
        Long head = heads.putIfAbsent(key, id);
        if (head == null || head == id) {
            return true;
        }
        parked.computeIfAbsent(key, k -> new HashSet<>()).add(id);
        parkedIds.add(id);
        return false;
    }

    /** The delivery {@code id} left the outbox: its group's next delivery may go. */
    synchronized void release(String key, long id) {
        if (key != null && heads.remove(key, id)) {
            Set<Long> waiting = parked.remove(key);
            if (waiting != null) {
                parkedIds.removeAll(waiting);
            }
        }
    }

    /** The deliveries parked now. */
    synchronized Set<Long> parked() {
        return Set.copyOf(parkedIds);
    }
}
