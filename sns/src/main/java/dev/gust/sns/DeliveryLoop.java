package dev.gust.sns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.messaging.OutgoingMessage;
import dev.gust.core.messaging.QueueMessages;
import dev.gust.store.SnsStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: one thread claims the deliveries that are due (the earliest first, at most
 * {@code maxInFlight} at a time), each runs on its own virtual thread through its protocol's {@link Deliverer}, and
 * its row leaves the outbox only once it was delivered, given up by its retry policy (after a copy to the
 * subscription's dead-letter queue, if it has one), or its subscription is gone. A failed attempt is rescheduled by
 * the policy. A FIFO topic's message group goes to each subscription one message at a time, in order
 * ({@link MessageGroups}). Nothing is leased on disk: after a crash every remaining row is due again (at least once).
 *
 * <p>Lifecycle: {@link #start} once, {@link #close} once. Thread-safe.
 */
final class DeliveryLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest the loop sleeps without being woken, in case a due time was missed. */
    private static final long MAX_SLEEP_MILLIS = 1_000;

    private final SnsStore store;
    private final SnsRegistry registry;
    private final Map<String, Deliverer> deliverers;
    private final QueueMessages queues;
    private final Envelopes envelopes;
    private final InstantSource clock;
    private final int maxInFlight;
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final MessageGroups groups = new MessageGroups();
    private final Semaphore wake = new Semaphore(0);
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running = true;
    private Thread loop;

    /**
     * @param deliverers by protocol ({@code lambda}, {@code sqs}, {@code http}, {@code https})
     * @param queues where given-up messages go, to the subscriptions' dead-letter queues
     */
    DeliveryLoop(SnsStore store, SnsRegistry registry, Map<String, Deliverer> deliverers, QueueMessages queues,
            Envelopes envelopes, InstantSource clock, int maxInFlight) {
        this.store = Objects.requireNonNull(store, "store");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.deliverers = Map.copyOf(deliverers);
        this.queues = Objects.requireNonNull(queues, "queues");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxInFlight = maxInFlight;
    }

    void start() {
        loop = Thread.ofPlatform().daemon().name("sns-deliveries").start(this::run);
    }

    /** Tells the loop that deliveries may be due now (after a publish). */
    void wake() {
        wake.release();
    }

    /** How many deliveries are being attempted now. */
    int inFlight() {
        return inFlight.size();
    }

    private void run() {
        while (running) {
            try {
                long now = clock.millis();
                int room = maxInFlight - inFlight.size();
                int claimed = 0;
                if (room > 0) {
                    Set<Long> skip = new HashSet<>(inFlight);
                    skip.addAll(groups.parked());
                    for (SnsStore.Delivery delivery : store.due(now, skip, room)) {
                        Notification n = StoredDocuments.notification(delivery.notification());
                        String group = MessageGroups.key(delivery, n);
                        if (groups.claim(group, delivery.id())) {
                            inFlight.add(delivery.id());
                            attempts.execute(() -> attempt(delivery, n, group));
                            claimed++;
                        }
                    }
                }
                if (claimed == 0 || claimed == room) {
                    long next = room > 0 && claimed == 0 ? store.nextDue() : now + MAX_SLEEP_MILLIS;
                    long sleep = Math.max(1, Math.min(MAX_SLEEP_MILLIS, next - now));
                    wake.tryAcquire(sleep, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("SNS deliveries: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void attempt(SnsStore.Delivery delivery, Notification n, String group) {
        boolean done = true;
        try {
            Optional<Subscription> found = registry.subscription(delivery.account(), delivery.subscriptionId());
            if (found.isEmpty()) {
                store.remove(delivery.id()); // unsubscribed, or its topic deleted
                return;
            }
            Subscription subscription = found.get();
            Deliverer deliverer = deliverers.get(subscription.protocol());
            try {
                if (deliverer == null) {
                    throw DeliveryFailure.permanent("no deliverer for protocol " + subscription.protocol());
                }
                deliverer.deliver(subscription, n);
                store.remove(delivery.id());
            } catch (DeliveryFailure failure) {
                done = failed(delivery, subscription, n, failure);
            }
        } catch (RuntimeException e) {
            done = false;
            if (running) {
                LOG.warn("SNS delivery {} failed: {}", delivery.id(), e.toString());
                store.reschedule(delivery.id(), delivery.attempts() + 1, clock.millis() + MAX_SLEEP_MILLIS);
            }
        } finally {
            if (done) {
                groups.release(group, delivery.id());
            }
            inFlight.remove(delivery.id());
            wake();
        }
    }

    /** Reschedules or gives up a failed delivery; whether it left the outbox. */
    private boolean failed(SnsStore.Delivery delivery, Subscription subscription, Notification n,
            DeliveryFailure failure) {
        int retry = delivery.attempts() + 1;
        Optional<Duration> delay = failure.permanent() ? Optional.empty() : policy(subscription).delayBefore(retry);
        if (delay.isPresent()) {
            LOG.debug("SNS delivery to {} failed, retry {} in {}: {}", subscription.arn(), retry, delay.get(),
                    failure.getMessage());
            store.reschedule(delivery.id(), retry, clock.millis() + delay.get().toMillis());
            return false;
        }
        LOG.info("SNS gives up delivering message {} to {}: {}", n.messageId(), subscription.arn(),
                failure.getMessage());
        deadLetter(subscription, n);
        store.remove(delivery.id());
        return true;
    }

    /** The retry policy of a subscription: HTTP's from the delivery policies, else AWS's for managed endpoints. */
    private RetryPolicy policy(Subscription subscription) {
        if (!subscription.http()) {
            return RetryPolicy.MANAGED;
        }
        String topicPolicy = registry.topic(subscription.key().topic().arn())
                .map(t -> t.attributes().get("DeliveryPolicy")).orElse(null);
        return RetryPolicy.forHttp(topicPolicy, subscription.attributes().get("DeliveryPolicy"));
    }

    /** Sends a given-up message to the subscription's dead-letter queue, if its redrive policy names one. */
    private void deadLetter(Subscription subscription, Notification n) {
        String policy = subscription.attributes().get("RedrivePolicy");
        if (policy == null || policy.isBlank() || n.confirmation()) {
            return;
        }
        try {
            String queueArn = JSON.readTree(policy).path("deadLetterTargetArn").asText("");
            if (queueArn.isEmpty()) {
                return;
            }
            String body = subscription.raw() ? n.message() : envelopes.envelope(n, subscription);
            queues.send(queueArn, new OutgoingMessage(body, subscription.raw() ? n.attributes() : Map.of(),
                    n.messageGroupId(), n.messageGroupId() == null ? null : n.messageId()))
                    .toCompletableFuture().join();
        } catch (Exception e) {
            LOG.warn("SNS could not move message {} to the dead-letter queue of {}: {}", n.messageId(),
                    subscription.arn(), e.toString());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(MAX_SLEEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (loop != null) {
            loop.interrupt();
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        attempts.shutdownNow();
        try {
            attempts.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
