package dev.gust.async;

import dev.gust.core.invoke.EventInvoker;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.Invoker;
import dev.gust.core.messaging.QueueMessages;
import dev.gust.core.messaging.TopicPublisher;
import dev.gust.store.ClaimRequest;
import dev.gust.store.EventQueue;
import dev.gust.store.QueueDepth;
import dev.gust.store.QueuedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous invocation: accepts events into the durable {@link EventQueue} and delivers them through the
 * {@link Invoker}, with Lambda's retries, event age, destinations and dead-letter queues ({@link EventDelivery}).
 *
 * <p>One dispatcher thread claims due events, fairly across functions (the queue's claim takes one event per
 * function per round), as long as fewer than {@link AsyncSettings#maxConcurrentDeliveries()} are being delivered
 * and skipping functions that have {@link AsyncSettings#maxConcurrentPerFunction()} in flight; so one busy or
 * failing function cannot starve the others. The dispatcher wakes when an event is accepted and polls for
 * retries that became due. Thread-safe. Call {@link #start()} once, {@link #close()} at shutdown.
 */
public final class AsyncInvocations implements EventInvoker, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);

    private final Invoker invoker;
    private final EventQueue queue;
    private final AsyncSettings settings;
    private final InstantSource clock;
    private final String owner;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final EventDelivery delivery;
    private final Semaphore slots;
    private final InFlightCounts inFlight = new InFlightCounts();
    private final Semaphore wakeUp = new Semaphore(0);
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean running;
    private Thread dispatcher;

    /**
     * @param deadLetters each function version's dead-letter queue or topic
     * @param queues the SQS queues that destinations and dead-letter queues name
     * @param topics the SNS topics that destinations and dead-letter topics name
     * @param owner this node's stable name in the queue's leases; its leases are released at {@link #start()}
     */
    public AsyncInvocations(Invoker invoker, EventQueue queue, EventSettings.Source settingsSource,
            DeadLetterTargets deadLetters, QueueMessages queues, TopicPublisher topics, AsyncSettings settings,
            InstantSource clock, String owner) {
        this.invoker = invoker;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
        this.slots = new Semaphore(settings.maxConcurrentDeliveries());
        this.delivery = new EventDelivery(invoker, queue, settingsSource, settings, clock, owner, counters,
                new Destinations(this, queues, topics, counters), deadLetters, attempts);
    }

    /** Takes back the leases this node held before a crash and starts delivering. */
    public synchronized void start() {
        int released = queue.releaseAll(owner).toCompletableFuture().join();
        if (released > 0) {
            LOG.info("resuming {} asynchronous events that were being delivered when the server stopped", released);
        }
        running = true;
        dispatcher = Thread.ofPlatform().daemon().name("gust-async-dispatcher").start(this::dispatch);
    }

    @Override
    public CompletionStage<Void> enqueue(InvocationRequest request) {
        return invoker.dryRun(request.account(), request.functionName(), request.qualifier())
                .thenCompose(ok -> queue.enqueue(QueuedEvent.accepted(request.requestId(),
                        request.account().functionArn(request.functionName()),
                        request.qualifier().orElse(null), request.payload(), clock.instant())))
                .thenRun(wakeUp::release);
    }

    /** Queue depth, age of the oldest event and outcome counters per function, for health and metrics. */
    public CompletionStage<Map<String, Object>> describe() {
        return queue.depths().thenApply(depths -> {
            Instant now = clock.instant();
            Map<String, Map<String, Object>> functions = new TreeMap<>();
            for (QueueDepth depth : depths) {
                Map<String, Object> each = functions.computeIfAbsent(depth.functionName(), n -> new LinkedHashMap<>());
                each.put("queued", depth.events());
                each.put("oldestEventAgeMs", Duration.between(depth.oldestEnqueuedAt(), now).toMillis());
            }
            counters.snapshot().forEach((name, counts) ->
                    functions.computeIfAbsent(name, n -> new LinkedHashMap<>()).putAll(counts));
            return Map.of("inFlight", settings.maxConcurrentDeliveries() - slots.availablePermits(),
                    "functions", functions);
        });
    }

    private void dispatch() {
        while (running) {
            try {
                int claimed = claimAndDeliver();
                if (claimed == 0) {
                    wakeUp.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("claiming asynchronous events failed; trying again", e);
                sleep(settings.pollInterval());
            }
        }
    }

    /** Claims as many due events as there are free slots, and starts delivering each; returns how many. */
    private int claimAndDeliver() throws InterruptedException {
        slots.acquire(); // wait until a slot is free; only this thread takes slots, so they cannot shrink meanwhile
        slots.release();
        Instant now = clock.instant();
        List<QueuedEvent> events = queue.claim(new ClaimRequest(owner, now, now.plus(settings.lease()),
                slots.availablePermits(), settings.maxConcurrentPerFunction(), busyFunctions()))
                .toCompletableFuture().join();
        for (QueuedEvent event : events) {
            slots.acquire();
            inFlight.started(event.functionName());
            attempts.execute(() -> delivery.attempt(event).whenComplete((ok, failure) -> {
                inFlight.ended(event.functionName());
                slots.release();
                wakeUp.release();
            }));
        }
        return events.size();
    }

    private Set<String> busyFunctions() {
        return inFlight.atLeast(settings.maxConcurrentPerFunction());
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * Stops claiming, waits up to {@code grace} for the deliveries under way, and releases this node's leases so
     * that the events not settled are delivered again at the next start.
     */
    public void close(Duration grace) {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = dispatcher;
        }
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(grace.toMillis());
                slots.tryAcquire(settings.maxConcurrentDeliveries(), grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        attempts.shutdownNow();
        queue.releaseAll(owner).toCompletableFuture().join();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
