package dev.gust.core.esm;

import dev.gust.core.Account;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event source mapping, as stored and as the pollers run it. Immutable.
 *
 * @param uuid the mapping's id (a random UUID)
 * @param account the namespace of the function (and of the mapping)
 * @param eventSourceArn the queue's ARN ({@code arn:aws:sqs:REGION:ACCOUNT:NAME})
 * @param functionArn the function's ARN as the mapping reports it: unqualified, or qualified by a version or alias
 * @param state one of the {@code STATE_*} constants
 * @param stateTransitionReason {@code USER_INITIATED} or what the pollers reported
 * @param batchSize 1 to 10,000 (above 10 only with a batching window)
 * @param maximumBatchingWindowInSeconds 0 to 300
 * @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency} (2 to 1,000), or {@code null} when unset
 * @param functionResponseTypes empty, or {@code ReportBatchItemFailures}
 * @param filterPatterns the {@code FilterCriteria.Filters[].Pattern} strings, in order (may be empty)
 * @param lastModified when the mapping last changed
 * @param lastProcessingResult {@code No records processed}, {@code OK}, or a {@code PROBLEM: ...} message
 */
public record EventSourceMapping(String uuid, Account account, String eventSourceArn, String functionArn,
        String state, String stateTransitionReason, int batchSize, int maximumBatchingWindowInSeconds,
        Integer maximumConcurrency, List<String> functionResponseTypes, List<String> filterPatterns,
        Instant lastModified, String lastProcessingResult) {

    public static final String STATE_CREATING = "Creating";
    public static final String STATE_ENABLING = "Enabling";
    public static final String STATE_ENABLED = "Enabled";
    public static final String STATE_UPDATING = "Updating";
    public static final String STATE_DISABLING = "Disabling";
    public static final String STATE_DISABLED = "Disabled";
    public static final String STATE_DELETING = "Deleting";
    public static final String REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures";
    public static final String NO_RECORDS_PROCESSED = "No records processed";

    public EventSourceMapping {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(eventSourceArn, "eventSourceArn");
        Objects.requireNonNull(functionArn, "functionArn");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastModified, "lastModified");
        functionResponseTypes = functionResponseTypes == null ? List.of() : List.copyOf(functionResponseTypes);
        filterPatterns = filterPatterns == null ? List.of() : List.copyOf(filterPatterns);
    }

    /** Whether the pollers should be receiving from the queue in this state. */
    public boolean polling() {
        return state.equals(STATE_CREATING) || state.equals(STATE_ENABLING) || state.equals(STATE_ENABLED)
                || state.equals(STATE_UPDATING);
    }

    /** Whether the function reports partial batch failures ({@code batchItemFailures}). */
    public boolean reportsBatchItemFailures() {
        return functionResponseTypes.contains(REPORT_BATCH_ITEM_FAILURES);
    }
}
