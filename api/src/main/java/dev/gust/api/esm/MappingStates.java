package dev.gust.api.esm;

import dev.gust.core.esm.EventSourceMapping;
import dev.gust.core.esm.EventSourceMappingChanges;
import dev.gust.core.esm.EventSourceMappingStates;
import dev.gust.store.EventSourceMappingStore;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pollers report about the mappings of every namespace, made durable: the control plane's side of
 * {@link EventSourceMappingStates}. A settled transition moves the stored mapping ({@code Creating},
 * {@code Enabling}, {@code Updating} to {@code Enabled}; {@code Disabling} to {@code Disabled}; {@code Deleting} to
 * gone) only if it is still in the state the pollers left, and is then told back to the pollers
 * ({@link EventSourceMappingChanges#put} or {@code removed}); a processing result is written when it differs from
 * the last one written.
 *
 * <p>Reports are written by one thread of their own, in the order they arrive, never on the reporting thread. Also
 * owns the pollers ({@link #changes()}), built with this object as their way back, and tells them every stored
 * mapping at {@link #start()}. Thread-safe; {@link #close()} once, after the pollers stopped.
 */
public final class MappingStates implements EventSourceMappingStates, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MappingStates.class);

    private final EventSourceMappingStore store;
    private final InstantSource clock;
    private final EventSourceMappingChanges changes;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("event-source-mapping-states").factory());
    /** The last {@code LastProcessingResult} written per mapping, so a steady result costs no write. */
    private final Map<String, String> lastResults = new ConcurrentHashMap<>();

    /**
     * @param store every namespace's mappings (any view: reports find a mapping by UUID wherever it lives)
     * @param pollers builds the pollers given their way back (this object): the event-sources module's, or
     *     {@link SettleImmediately} where no poller runs
     */
    public MappingStates(EventSourceMappingStore store, InstantSource clock,
            Function<EventSourceMappingStates, EventSourceMappingChanges> pollers) {
        this.store = store;
        this.clock = clock;
        this.changes = pollers.apply(this);
    }

    /** The pollers: what the control plane tells after each durable write. */
    public EventSourceMappingChanges changes() {
        return changes;
    }

    /**
     * Tells the pollers every stored mapping of every namespace (once, at startup, before requests): they start those
     * that poll, and settle those a stopped server left between two states.
     */
    public void start() {
        store.all().forEach(changes::put);
    }

    @Override
    public void settled(String uuid, String from) {
        submit("settle " + uuid, () -> settle(uuid, from));
    }

    @Override
    public void processed(String uuid, String lastProcessingResult) {
        if (lastProcessingResult.equals(lastResults.get(uuid))) {
            return;
        }
        submit("record the result of " + uuid, () -> record(uuid, lastProcessingResult));
    }

    private void settle(String uuid, String from) {
        Optional<EventSourceMapping> found = store.findAnywhere(uuid).filter(m -> m.state().equals(from));
        if (found.isEmpty()) {
            return; // gone, or changed again since: the pollers hear of that change
        }
        EventSourceMappingStore namespace = store.in(found.get().account());
        if (from.equals(EventSourceMapping.STATE_DELETING)) {
            if (namespace.delete(uuid, from)) {
                lastResults.remove(uuid);
                changes.removed(uuid);
            }
            return;
        }
        String to = settledState(from);
        if (to != null && namespace.transition(uuid, from, to, clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
            namespace.find(uuid).ifPresent(changes::put);
        }
    }

    /** Where a transition from {@code from} ends, or {@code null} when {@code from} is no transition. */
    static String settledState(String from) {
        return switch (from) {
            case EventSourceMapping.STATE_CREATING, EventSourceMapping.STATE_ENABLING,
                    EventSourceMapping.STATE_UPDATING -> EventSourceMapping.STATE_ENABLED;
            case EventSourceMapping.STATE_DISABLING -> EventSourceMapping.STATE_DISABLED;
            default -> null;
        };
    }

    private void record(String uuid, String result) {
        if (result.equals(lastResults.get(uuid))) {
            return;
        }
        store.findAnywhere(uuid).ifPresent(mapping -> {
            if (store.in(mapping.account()).recordResult(uuid, result)) {
                lastResults.put(uuid, result);
            }
        });
    }

    /** Queues one write; after {@link #close()} it is dropped. */
    private void submit(String what, Runnable work) {
        try {
            writer.execute(() -> write(what, work));
        } catch (RejectedExecutionException closed) {
            LOG.debug("dropped after shutdown: {}", what);
        }
    }

    /** Runs one write; a failure is logged (the report is lost, the next one writes again), never thrown. */
    private static void write(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("cannot {}", what, e);
        }
    }

    /** Writes the reports already queued, then stops; later reports are dropped. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("event source mapping reports still queued at shutdown were dropped");
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
