package dev.gust.async;

import dev.gust.async.DeliveryCounters.Outcome;
import dev.gust.core.Account;
import dev.gust.core.Completions;
import dev.gust.core.FunctionArn;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.Invoker;
import dev.gust.store.EventQueue;
import dev.gust.store.QueuedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one claimed event, and what follows it, as Lambda decides:
 *
 * <ul>
 *   <li>the event is older than its {@code MaximumEventAge}: discarded ({@code EventAgeExceeded});
 *   <li>the function succeeded: done, and the record goes to the {@code OnSuccess} destination;
 *   <li>a function error (including timeouts and crashes): retried after the next retry delay while fewer than
 *       {@code MaximumRetryAttempts} retries were made and the event will still be young enough, else discarded
 *       ({@code RetriesExhausted} or {@code EventAgeExceeded});
 *   <li>throttled because the function's reserved concurrency is zero: discarded at once
 *       ({@code ZeroReservedConcurrency}), as Lambda does;
 *   <li>throttled otherwise, or a system error: retried with exponential backoff until the event is too old; these
 *       attempts do not count as retries;
 *   <li>the function no longer exists: dropped.
 * </ul>
 *
 * A discarded event's record goes to the {@code OnFailure} destination, and the event itself to the function's
 * dead-letter queue or topic ({@code DeadLetterConfig}) with the attributes of {@link DeadLetter}; both when both are
 * set. What goes to a destination is durable there before the original is removed, so a crash in between duplicates,
 * never loses; a destination that does not exist or refuses loses it with a log line ({@link Destinations}).
 * Thread-safe.
 */
final class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);

    private final Invoker invoker;
    private final EventQueue queue;
    private final EventSettings.Source settingsSource;
    private final AsyncSettings settings;
    private final InstantSource clock;
    private final String owner;
    private final DeliveryCounters counters;
    private final Destinations destinations;
    private final DeadLetterTargets deadLetters;
    /** Where outcomes are handled: off the threads that complete invocations (event loops among them). */
    private final Executor outcomes;
    /** Consecutive throttles or system errors per event on this node: the exponent of the backoff. */
    private final Map<String, Integer> backoffs = new ConcurrentHashMap<>();

    EventDelivery(Invoker invoker, EventQueue queue, EventSettings.Source settingsSource, AsyncSettings settings,
            InstantSource clock, String owner, DeliveryCounters counters, Destinations destinations,
            DeadLetterTargets deadLetters, Executor outcomes) {
        this.invoker = invoker;
        this.queue = queue;
        this.settingsSource = settingsSource;
        this.settings = settings;
        this.clock = clock;
        this.owner = owner;
        this.counters = counters;
        this.destinations = destinations;
        this.deadLetters = deadLetters;
        this.outcomes = outcomes;
    }

    /**
     * Runs one attempt of a claimed event and settles it in the queue (removed or rescheduled).
     *
     * @return completes once the event is settled; never fails
     */
    CompletionStage<Void> attempt(QueuedEvent event) {
        EventSettings eventSettings;
        try {
            eventSettings = settingsSource.settingsOf(FunctionArn.require(event.functionName()), event.qualifier());
        } catch (RuntimeException e) {
            return systemError(event, EventSettings.DEFAULTS, e);
        }
        if (age(event, clock.instant()).compareTo(eventSettings.maximumEventAge()) > 0) {
            return discard(event, eventSettings, Condition.EVENT_AGE_EXCEEDED, event.attempts(), null,
                    DeadLetter.discarded(Condition.EVENT_AGE_EXCEEDED));
        }
        FunctionArn function = FunctionArn.require(event.functionName());
        InvocationRequest request = new InvocationRequest(event.requestId(), function.account(),
                function.functionName(), Optional.ofNullable(event.qualifier()), event.payload(), false, null, null);
        return invoker.invoke(request).handleAsync((result, failure) -> failure == null
                ? ran(event, eventSettings, result)
                : failed(event, eventSettings, Completions.cause(failure)), outcomes)
                .thenCompose(settled -> settled)
                .exceptionally(unexpected -> {
                    LOG.warn("event {} of {} not settled; it is retried when its lease ends", event.requestId(),
                            event.functionName(), unexpected);
                    return null;
                });
    }

    private CompletionStage<Void> ran(QueuedEvent event, EventSettings eventSettings, InvocationResult result) {
        backoffs.remove(event.requestId());
        int invocations = event.attempts() + 1;
        if (result.functionError() == null) {
            counters.count(event.functionName(), Outcome.DELIVERED);
            return sendRecord(eventSettings.onSuccess(), event, Condition.SUCCESS, invocations, result)
                    .thenCompose(sent -> complete(event));
        }
        if (invocations > eventSettings.maximumRetryAttempts()) {
            return discard(event, eventSettings, Condition.RETRIES_EXHAUSTED, invocations, result,
                    DeadLetter.functionError(result));
        }
        Instant next = clock.instant().plus(settings.retryDelay(invocations));
        if (age(event, next).compareTo(eventSettings.maximumEventAge()) > 0) {
            return discard(event, eventSettings, Condition.EVENT_AGE_EXCEEDED, invocations, result,
                    DeadLetter.functionError(result));
        }
        return reschedule(event, invocations, next);
    }

    private CompletionStage<Void> failed(QueuedEvent event, EventSettings eventSettings, Throwable failure) {
        if (failure instanceof LambdaException e && e.status() == 404) {
            LOG.info("dropping event {}: {}", event.requestId(), e.getMessage());
            counters.count(event.functionName(), Outcome.DROPPED);
            backoffs.remove(event.requestId());
            return complete(event);
        }
        if (failure instanceof LambdaException e && e.status() == 429
                && reservesZeroConcurrency(FunctionArn.require(event.functionName()))) {
            backoffs.remove(event.requestId());
            return discard(event, eventSettings, Condition.ZERO_RESERVED_CONCURRENCY, event.attempts(), null,
                    DeadLetter.failure(failure));
        }
        return systemError(event, eventSettings, failure);
    }

    private boolean reservesZeroConcurrency(FunctionArn function) {
        return invoker.reservesZeroConcurrency(function.account(), function.functionName());
    }

    /** A throttle or a system error: back off and try again while the event is young enough. */
    private CompletionStage<Void> systemError(QueuedEvent event, EventSettings eventSettings, Throwable failure) {
        if (!(failure instanceof LambdaException e && e.status() == 429)) {
            LOG.warn("event {} of {} hit a system error; retrying", event.requestId(), event.functionName(), failure);
        }
        int consecutive = backoffs.merge(event.requestId(), 1, Integer::sum);
        Instant next = clock.instant().plus(settings.backoff(consecutive));
        if (age(event, next).compareTo(eventSettings.maximumEventAge()) > 0) {
            backoffs.remove(event.requestId());
            return discard(event, eventSettings, Condition.EVENT_AGE_EXCEEDED, event.attempts(), null,
                    DeadLetter.failure(failure));
        }
        return reschedule(event, event.attempts(), next);
    }

    /**
     * Ends an event Lambda gives up on: its record to {@code OnFailure}, the event to the dead-letter target, then out
     * of the queue.
     *
     * @param why what the dead-letter message's attributes say
     */
    private CompletionStage<Void> discard(QueuedEvent event, EventSettings eventSettings, Condition condition,
            int invocations, InvocationResult last, DeadLetter why) {
        counters.count(event.functionName(),
                condition == Condition.EVENT_AGE_EXCEEDED ? Outcome.EXPIRED : Outcome.DROPPED);
        return sendRecord(eventSettings.onFailure(), event, condition, invocations, last)
                .thenCompose(sent -> sendDeadLetter(event, last, why))
                .thenCompose(sent -> complete(event));
    }

    /** Sends the event to the dead-letter queue or topic of the version that ran it (or would have), if it has one. */
    private CompletionStage<Void> sendDeadLetter(QueuedEvent event, InvocationResult last, DeadLetter why) {
        String version = last != null ? last.executedVersion() : event.qualifier();
        // a storage failure here fails the stage: the event stays queued and is tried again when its lease ends
        return deadLetters.targetOf(FunctionArn.require(event.functionName()), version)
                .map(target -> destinations.sendDeadLetter(target, event, why))
                .orElse(CompletableFuture.completedFuture(null));
    }

    private CompletionStage<Void> reschedule(QueuedEvent event, int attempts, Instant next) {
        counters.count(event.functionName(), Outcome.RETRIED);
        return queue.reschedule(event.requestId(), owner, attempts, next).thenApply(ok -> null);
    }

    private CompletionStage<Void> complete(QueuedEvent event) {
        return queue.complete(event.requestId(), owner).thenApply(ok -> null);
    }

    /**
     * Sends the invocation record to a destination, if one is set. A destination that does not exist or refuses
     * loses the record (logged); a failure of the event queue (a function destination) fails the stage, so the event
     * stays queued.
     */
    private CompletionStage<Void> sendRecord(Optional<String> destination, QueuedEvent event, Condition condition,
            int invocations, InvocationResult last) {
        if (destination.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String qualifier = last != null ? last.executedVersion()
                : Optional.ofNullable(event.qualifier()).orElse(FunctionConfiguration.LATEST);
        FunctionArn function = FunctionArn.require(event.functionName());
        Account account = function.account();
        byte[] record = InvocationRecord.of(event, account.functionArn(function.functionName(), qualifier), condition,
                invocations, last, clock.instant());
        return destinations.sendRecord(destination.get(), event, account, record);
    }

    private static Duration age(QueuedEvent event, Instant at) {
        return Duration.between(event.enqueuedAt(), at);
    }
}
