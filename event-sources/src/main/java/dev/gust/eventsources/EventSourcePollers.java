package dev.gust.eventsources;

import dev.gust.core.esm.EventSourceMapping;
import dev.gust.core.esm.EventSourceMappingChanges;
import dev.gust.core.esm.EventSourceMappingStates;
import dev.gust.core.invoke.Invoker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Lambda's SQS pollers: runs a {@link MappingPoller} for each event source mapping in a polling state
 * ({@code Creating}, {@code Enabling}, {@code Enabled}, {@code Updating}), told by the control plane through
 * {@link EventSourceMappingChanges}, and reports each finished transition back through
 * {@link EventSourceMappingStates#settled} (pollers started, reconfigured, or stopped). Changes are applied under
 * one short lock and never wait for a poller: stopping completes later, and only then is {@code Disabling} or
 * {@code Deleting} settled. Thread-safe; {@link #close} stops every poller.
 */
public final class EventSourcePollers implements EventSourceMappingChanges, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventSourcePollers.class);

    /** A running poller with the client it owns. */
    private record Running(MappingPoller poller, SqsAsyncClient client) {
    }

    private final QueueClients clients;
    private final Invoker invoker;
    private final EventSourceMappingStates states;
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final LongSupplier millis;
    private final Map<String, Running> running = new HashMap<>();

    /**
     * @param clients opens each mapping's SQS client
     * @param invoker runs the function synchronously
     * @param states where transitions and processing results are reported
     * @param millis the clock the batching window is measured with (milliseconds)
     */
    public EventSourcePollers(QueueClients clients, Invoker invoker, EventSourceMappingStates states,
            LongSupplier millis) {
        this.clients = clients;
        this.invoker = invoker;
        this.states = states;
        this.millis = millis;
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("esm-poller-", 0).factory());
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("esm-poller-timer")
                .daemon(true).factory());
    }

    @Override
    public void put(EventSourceMapping mapping) {
        CompletionStage<Void> settledAfter;
        synchronized (running) {
            Running current = running.get(mapping.uuid());
            if (mapping.polling()) {
                if (current != null && current.poller().accepts(mapping)) {
                    current.poller().update(mapping);
                } else {
                    if (current != null) {
                        stop(current);
                    }
                    running.put(mapping.uuid(), start(mapping));
                }
                settledAfter = CompletableFuture.completedFuture(null);
            } else {
                running.remove(mapping.uuid());
                settledAfter = current == null ? CompletableFuture.completedFuture(null) : stop(current);
            }
        }
        String from = mapping.state();
        if (!from.equals(EventSourceMapping.STATE_ENABLED) && !from.equals(EventSourceMapping.STATE_DISABLED)) {
            settledAfter.whenComplete((ignored, failure) -> states.settled(mapping.uuid(), from));
        }
    }

    @Override
    public void removed(String uuid) {
        synchronized (running) {
            Running current = running.remove(uuid);
            if (current != null) {
                stop(current);
            }
        }
    }

    /** How many mappings have pollers running. */
    public int running() {
        synchronized (running) {
            return running.size();
        }
    }

    private Running start(EventSourceMapping mapping) {
        SqsAsyncClient client = clients.open(mapping);
        MappingPoller poller = new MappingPoller(mapping, client, () -> clients.queueUrl(mapping), invoker, states,
                executor, timer, millis);
        poller.start();
        return new Running(poller, client);
    }

    private static CompletionStage<Void> stop(Running current) {
        return current.poller().stop().whenComplete((ignored, failure) -> current.client().close());
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stops;
        synchronized (running) {
            stops = running.values().stream().map(r -> stop(r).toCompletableFuture()).toList();
            running.clear();
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Pollers did not stop within 10 s: {}", e.toString());
        }
        timer.shutdownNow();
        executor.shutdown();
    }
}
