package dev.gust.store;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The durable queue of asynchronous invocations: events that Invoke accepted with {@code 202} and that workers
 * deliver, retry and finally remove. Delivery is at least once.
 *
 * <p><b>Life of an event.</b>
 * <ol>
 *   <li>{@link #enqueue} stores it; the returned stage completes only once the event is durable, and only then
 *       may Invoke answer {@code 202}.
 *   <li>{@link #claim} leases due events to an owner until a lease end. A leased event is not claimed again
 *       until its lease ends or is released.
 *   <li>The owner ends each claimed event with {@link #complete} (delivered, or given up: expired, retries
 *       exhausted, function deleted) or {@link #reschedule} (to be tried again later).
 *   <li>If the owner never does (crash, lost node), the lease expires and another claim takes the event again.
 * </ol>
 *
 * <p><b>Leases.</b> {@link #complete} and {@link #reschedule} take effect only while {@code owner} still holds
 * the event's lease, and answer {@code false}, changing nothing, otherwise: when the event is gone, was
 * released, or was claimed by another owner after the lease expired. An expired lease that nobody took over
 * still counts as held. Owners are meant to be stable per node (so a restarted node can {@link #releaseAll} its
 * leases); several claimers sharing one owner id must not let leases expire under running deliveries.
 *
 * <p><b>Duplicates.</b> An event is delivered again if the owner crashes after the function ran but before
 * {@code complete} was durable, or if its lease expires while a delivery still runs. Leases must therefore
 * outlast the function's timeout plus a margin; the caller chooses them.
 *
 * <p><b>Threading.</b> Thread-safe. Every method returns at once with a stage that completes once the
 * operation is durable (or, for reads, done). Stages may complete on a thread of the store that serves every
 * other caller: dependent actions must not block; hop to your own executor for anything slow. A stage fails with
 * {@link StoreException} when the storage fails, {@link java.util.concurrent.RejectedExecutionException} when
 * the store is overloaded and {@link IllegalStateException} after {@link #close()}.
 *
 * <p>Implementations must pass {@code EventQueueContract}.
 */
public interface EventQueue extends AutoCloseable {

    /**
     * Stores a new event. Enqueuing a request id that is already stored changes nothing and succeeds, so a
     * producer may retry an enqueue whose outcome it does not know.
     *
     * @return completes after the event is durable: a crash at any later moment does not lose it
     */
    CompletionStage<Void> enqueue(QueuedEvent event);

    /**
     * Leases due events to {@code request.owner()} until {@code request.leaseUntil()}. An event is due when its
     * {@code nextAttemptAt} is not after {@code request.now()} and it has no lease or its lease ended by then.
     *
     * <p><b>Fairness.</b> Every function with due events that is not excluded gets one event before any function
     * gets a second, and none gets more than {@code maxPerFunction}; so a function with a large backlog does not
     * delay another function's event. When more functions have due events than {@code maxEvents}, successive
     * claims start from different functions, so each is served within a bounded number of claims.
     *
     * <p><b>Order.</b> Within one function, events come in the order they became due ({@code nextAttemptAt},
     * then enqueue order): oldest first for events not retried yet. Functions interleave, one event per function
     * per round.
     *
     * @return the claimed events as stored (before this claim), possibly none; durable when the stage completes
     */
    CompletionStage<List<QueuedEvent>> claim(ClaimRequest request);

    /**
     * Removes a claimed event for good: it was delivered, or it is given up (and has been sent to a destination
     * if one is configured).
     *
     * @return {@code true} if the event was removed; {@code false}, changing nothing, if {@code owner} no longer
     *     holds its lease (see the class comment) or it is gone
     */
    CompletionStage<Boolean> complete(String requestId, String owner);

    /**
     * Puts a claimed event back for a later attempt and clears its lease.
     *
     * @param attempts the new count of attempts that failed with a function error (unchanged after a throttle
     *     or a system error)
     * @param nextAttemptAt the event is not claimed before this instant
     * @return {@code true} if the event was rescheduled; {@code false}, changing nothing, if {@code owner} no
     *     longer holds its lease or it is gone
     */
    CompletionStage<Boolean> reschedule(String requestId, String owner, int attempts, Instant nextAttemptAt);

    /**
     * Clears every lease held by {@code owner}, making its events due again as scheduled. Used when a node shuts
     * down, and when it starts with the same owner id after a crash.
     *
     * @return how many leases were cleared
     */
    CompletionStage<Integer> releaseAll(String owner);

    /** Per function with at least one stored event: how many, and the oldest one's enqueue time; by name. */
    CompletionStage<List<QueueDepth>> depths();

    /**
     * Removes every event of a function, leased or not, when the function is deleted. Owners of removed leased
     * events then get {@code false} from {@link #complete} and {@link #reschedule}.
     *
     * @return how many events were removed
     */
    CompletionStage<Integer> deleteFunction(String functionName);

    /**
     * Finishes the operations already started (their stages complete normally) and releases the store's
     * resources; later calls fail with {@link IllegalStateException}. Blocks until done; idempotent.
     */
    @Override
    void close();
}
