package dev.gust.eventsources;

import dev.gust.core.LambdaException;
import dev.gust.core.esm.EventSourceMapping;
import dev.gust.core.esm.EventSourceMappingStates;
import dev.gust.core.invoke.InvocationRequest;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.Invoker;
import dev.gust.eventpatterns.EventPatterns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The pollers of one event source mapping: poll loops that long-poll the queue, gather a batch (up to
 * {@code BatchSize} within {@code MaximumBatchingWindowInSeconds}), drop what the filters reject, invoke the function
 * synchronously with the SQS event, and delete what succeeded.
 *
 * <p>Contract:
 * <ol>
 *   <li>{@link #start} runs the first loop; a receive that fails (a missing queue, a denied role) reports
 *       {@code PROBLEM: ...} and is retried with back-off;
 *       {@link PollerScaling} adds loops while batches arrive and no loop is waiting on the queue.</li>
 *   <li>A batch whose invocation succeeds is deleted (with {@code ReportBatchItemFailures}, all but the failures the
 *       function reported); a function error leaves it to come back after the queue's visibility timeout (and to
 *       move to the queue's DLQ after {@code maxReceiveCount}); a throttle leaves it too and the loops back off; a function that is gone reports {@code PROBLEM: Function not found.}, leaves its messages
 *       and waits, with one loop, until the function exists again.</li>
 *   <li>{@link #stop} cancels the long polls, lets batches in flight finish, and completes when the last loop
 *       ended; nothing is received after it was called.</li>
 * </ol>
 * Loops run on {@code executor} (never on an event loop: the invoker's and the SDK's completions hop to it); no loop
 * blocks. Thread-safe.
 */
final class MappingPoller {

    private static final Logger LOG = LoggerFactory.getLogger(MappingPoller.class);
    private static final int RECEIVE_MAXIMUM = 10;
    private static final int LONG_POLL_SECONDS = 20;
    /** Lambda's synchronous payload limit: a batch stops growing before its messages could exceed it. */
    private static final long PAYLOAD_LIMIT = 6L * 1024 * 1024 - 64 * 1024;
    private static final long LARGEST_MESSAGE = 256L * 1024;
    static final String FUNCTION_NOT_FOUND = "PROBLEM: Function not found.";
    static final String OK = "OK";

    /** A mapping's settings as the loops read them; replaced whole by an update. */
    private record Settings(EventSourceMapping mapping, MappedFunction function, RecordFilter filter, SqsEvent event) {
    }

    private final String uuid;
    private final QueueArn queue;
    private final SqsAsyncClient sqs;
    private final Supplier<String> queueUrlOf;
    private final QueueActions messages;
    private final Invoker invoker;
    private final EventSourceMappingStates states;
    private final Executor executor;
    private final ScheduledExecutorService timer;
    private final LongSupplier millis;
    private final PollerScaling scaling;
    private final AtomicInteger receiving = new AtomicInteger();
    private final AtomicInteger throttles = new AtomicInteger();
    private final AtomicInteger receiveFailures = new AtomicInteger();
    private final AtomicReference<String> reported = new AtomicReference<>();
    private final Set<CompletableFuture<?>> receives = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile Settings settings;
    private volatile String queueUrl;
    private volatile boolean stopping;
    private volatile boolean functionMissing;

    MappingPoller(EventSourceMapping mapping, SqsAsyncClient sqs, Supplier<String> queueUrl, Invoker invoker,
            EventSourceMappingStates states, Executor executor, ScheduledExecutorService timer, LongSupplier millis) {
        this.uuid = mapping.uuid();
        this.queue = QueueArn.parse(mapping.eventSourceArn());
        this.sqs = sqs;
        this.queueUrlOf = queueUrl;
        this.messages = new QueueActions(sqs);
        this.invoker = invoker;
        this.states = states;
        this.executor = executor;
        this.timer = timer;
        this.millis = millis;
        this.scaling = new PollerScaling(mapping.maximumConcurrency());
        this.settings = settingsOf(mapping);
        this.reported.set(mapping.lastProcessingResult());
    }

    private Settings settingsOf(EventSourceMapping mapping) {
        EventPatterns patterns;
        try {
            patterns = EventPatterns.compile(mapping.filterPatterns());
        } catch (Exception invalid) {
            // The Lambda API validates patterns before it stores them: a stored invalid one matches nothing.
            LOG.warn("Mapping {} has a filter pattern that does not compile: {}", uuid, invalid.getMessage());
            patterns = EventPatterns.none();
        }
        return new Settings(mapping, MappedFunction.parse(mapping.functionArn()),
                new RecordFilter(patterns, queue.arn(), queue.region()), new SqsEvent(queue.arn(), queue.region()));
    }

    /** Whether an update to {@code mapping} can be applied in place (same queue and function). */
    boolean accepts(EventSourceMapping mapping) {
        return mapping.eventSourceArn().equals(queue.arn())
                && mapping.functionArn().equals(settings.mapping().functionArn());
    }

    /** Applies an update of the mapping's batch size, window, concurrency, filters or response types. */
    void update(EventSourceMapping mapping) {
        settings = settingsOf(mapping);
        scaling.maximum(mapping.maximumConcurrency());
    }

    /** Starts polling: the first loop learns the queue's URL (which may wait until Gust's edge listens). */
    void start() {
        scaling.add();
        executor.execute(() -> {
            queueUrl = queueUrlOf.get();
            poll();
        });
    }

    /** Stops polling; the stage completes when the last loop ended. Idempotent. */
    CompletionStage<Void> stop() {
        stopping = true;
        for (CompletableFuture<?> receive : receives) {
            receive.cancel(true);
        }
        if (scaling.loops() == 0) {
            stopped.complete(null);
        }
        return stopped;
    }

    /** One turn of a loop: receive a batch, or end the loop when it is not needed. */
    private void poll() {
        if (stopping) {
            loopEnded();
            return;
        }
        if (functionMissing) {
            if (scaling.loops() > 1) {
                loopEnded();
            } else {
                later(this::probeFunction, 2_000);
            }
            return;
        }
        if (scaling.excess()) {
            loopEnded();
            return;
        }
        receiving.incrementAndGet();
        receive(new ArrayList<>(), 0);
    }

    private void receive(List<Message> batch, long deadline) {
        Settings current = settings;
        int wait = batch.isEmpty() ? LONG_POLL_SECONDS
                : (int) Math.min(LONG_POLL_SECONDS, Math.max(0, (deadline - millis.getAsLong() + 999) / 1000));
        ReceiveMessageRequest request = ReceiveMessageRequest.builder().queueUrl(queueUrl)
                .maxNumberOfMessages(Math.min(RECEIVE_MAXIMUM, current.mapping().batchSize() - batch.size()))
                .waitTimeSeconds(wait)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")
                .build();
        CompletableFuture<ReceiveMessageResponse> receive = sqs.receiveMessage(request);
        receives.add(receive);
        receive.whenCompleteAsync((response, failure) -> {
            receives.remove(receive);
            if (failure != null) {
                received(batch, deadline, failure);
            } else {
                batch.addAll(response.messages());
                received(batch, deadline, null);
            }
        }, executor);
    }

    private void received(List<Message> batch, long deadline, Throwable failure) {
        Settings current = settings;
        if (failure == null && !stopping && !batch.isEmpty() && wantsMore(current, batch)) {
            long windowEnd = deadline != 0 ? deadline
                    : millis.getAsLong() + current.mapping().maximumBatchingWindowInSeconds() * 1000L;
            if (millis.getAsLong() < windowEnd) {
                receive(batch, windowEnd);
                return;
            }
        }
        int stillReceiving = receiving.decrementAndGet();
        if (stopping) {
            // what was received comes back after the queue's visibility timeout
            loopEnded();
            return;
        }
        if (failure != null && batch.isEmpty()) {
            report("PROBLEM: " + QueueActions.reason(failure));
            later(this::poll, Math.min(10_000, 500L << Math.min(receiveFailures.incrementAndGet(), 5)));
            return;
        }
        receiveFailures.set(0);
        if (batch.isEmpty()) {
            if (stillReceiving > 0 && scaling.loops() > 1) {
                loopEnded();
            } else {
                poll();
            }
            return;
        }
        if (stillReceiving == 0 && scaling.tryAdd()) {
            executor.execute(this::poll);
        }
        dispatch(current, batch);
    }

    private static boolean wantsMore(Settings current, List<Message> batch) {
        int batchSize = current.mapping().batchSize();
        if (current.mapping().maximumBatchingWindowInSeconds() == 0 || batch.size() >= batchSize) {
            return false;
        }
        long bytes = 0;
        for (Message message : batch) {
            bytes += 600 + message.body().length() * 2L;
        }
        return bytes + RECEIVE_MAXIMUM * LARGEST_MESSAGE < PAYLOAD_LIMIT;
    }

    private void dispatch(Settings current, List<Message> batch) {
        List<Message> passed = batch;
        if (!current.filter().isEmpty()) {
            passed = new ArrayList<>(batch.size());
            List<Message> dropped = new ArrayList<>();
            for (Message message : batch) {
                (current.filter().passes(message) ? passed : dropped).add(message);
            }
            messages.delete(queueUrl, dropped);
        }
        if (passed.isEmpty()) {
            poll();
            return;
        }
        List<Message> invoked = passed;
        InvocationRequest request = new InvocationRequest(UUID.randomUUID().toString(),
                current.mapping().account(), current.function().name(), current.function().qualifier(),
                current.event().write(invoked), false, null, null);
        invoker.invoke(request).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                failed(invoked, unwrap(failure));
            } else {
                answered(current, invoked, result);
            }
        }, executor);
    }

    private void answered(Settings current, List<Message> batch, InvocationResult result) {
        throttles.set(0);
        scaling.invoked();
        report(OK);
        if (result.functionError() == null) {
            if (current.mapping().reportsBatchItemFailures()) {
                Set<String> ids = new HashSet<>(batch.size() * 2);
                for (Message message : batch) {
                    ids.add(message.messageId());
                }
                Set<String> failed = BatchItemFailures.failed(result.payload(), ids);
                messages.delete(queueUrl, failed.isEmpty() ? batch
                        : batch.stream().filter(m -> !failed.contains(m.messageId())).toList());
            } else {
                messages.delete(queueUrl, batch);
            }
        }
        poll();
    }

    private void failed(List<Message> batch, Throwable failure) {
        if (failure instanceof LambdaException lambda && lambda.errorType().equals("TooManyRequestsException")) {
            // as on AWS, whose pollers may not change visibility (AWSLambdaSQSQueueExecutionRole): the batch comes
            // back after the queue's visibility timeout
            scaling.throttled();
            int times = throttles.incrementAndGet();
            later(this::poll, Math.min(1_000, 20L << Math.min(times, 6)));
            return;
        }
        if (failure instanceof LambdaException lambda && lambda.errorType().equals("ResourceNotFoundException")) {
            functionMissing = true;
            report(FUNCTION_NOT_FOUND);
            poll();
            return;
        }
        LOG.warn("Mapping {} could not invoke its function: {}", uuid, failure.toString());
        report("PROBLEM: " + (failure instanceof LambdaException lambda ? lambda.getMessage() : "Internal error."));
        later(this::poll, 1_000);
    }

    private void probeFunction() {
        if (stopping) {
            loopEnded();
            return;
        }
        Settings current = settings;
        invoker.dryRun(current.mapping().account(), current.function().name(), current.function().qualifier())
                .whenCompleteAsync((ok, failure) -> {
                    Throwable cause = failure == null ? null : unwrap(failure);
                    if (cause == null || !(cause instanceof LambdaException lambda
                            && lambda.errorType().equals("ResourceNotFoundException"))) {
                        functionMissing = false;
                    }
                    poll();
                }, executor);
    }

    private void loopEnded() {
        if (scaling.ended() == 0 && stopping) {
            stopped.complete(null);
        }
    }

    private void later(Runnable task, long delayMillis) {
        timer.schedule(() -> executor.execute(task), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void report(String result) {
        if (!result.equals(reported.getAndSet(result))) {
            states.processed(uuid, result);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
