package dev.gust.api.esm;

import dev.gust.core.Account;
import dev.gust.core.FunctionReference;
import dev.gust.core.LambdaException;
import dev.gust.core.ValidationErrors;
import dev.gust.core.esm.EventSourceMapping;
import dev.gust.core.esm.EventSourceMappingChanges;
import dev.gust.core.messaging.QueueDirectory;
import dev.gust.store.EventSourceMappingStore;
import dev.gust.store.FunctionStore;
import dev.gust.store.VersionStore;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The event source mappings of one namespace ({@code *EventSourceMapping*}), SQS queues to functions, with Lambda's
 * validation and errors and its state machine as the control plane drives it:
 *
 * <ol>
 *   <li>Create answers {@code Creating} ({@code Disabled} with {@code Enabled: false});
 *   <li>Update of an {@code Enabled} mapping answers {@code Updating}, or {@code Disabling} with
 *       {@code Enabled: false}; of a {@code Disabled} one, {@code Enabling} with {@code Enabled: true}, else it stays
 *       {@code Disabled};
 *   <li>Delete answers {@code Deleting};
 *   <li>the pollers then settle each transition ({@link MappingStates}): {@code Enabled}, {@code Disabled}, or gone;
 *   <li>a mapping between two states refuses Update ({@code ResourceInUseException}) and a second Delete.
 * </ol>
 *
 * Every durable change is told to the pollers ({@link EventSourceMappingChanges}). Deleting a function keeps its
 * mappings, as AWS does: they stay, and their pollers report the failed invocations as their
 * {@code LastProcessingResult}. Bad input changes nothing.
 *
 * <p>Thread-safe; calls block on storage, so run them on worker threads.
 */
public final class EventSourceMappingService {

    private static final String NO_RESOURCE = "The resource you requested does not exist.";
    private static final String USER_INITIATED = "USER_INITIATED";
    private static final int DEFAULT_BATCH_SIZE = 10;
    /** How often Delete retries when a poller's report moved the mapping between its read and its write. */
    private static final int DELETE_ATTEMPTS = 8;

    private final Account account;
    private final FunctionStore functions;
    private final VersionStore versions;
    private final EventSourceMappingStore mappings;
    private final QueueDirectory queues;
    private final InstantSource clock;
    private final EventSourceMappingChanges changes;

    /**
     * @param mappings the namespace's view of the mappings
     * @param queues answers whether a queue exists (the SQS service)
     * @param changes the pollers, told after each durable write
     */
    public EventSourceMappingService(Account account, FunctionStore functions, VersionStore versions,
            EventSourceMappingStore mappings, QueueDirectory queues, InstantSource clock,
            EventSourceMappingChanges changes) {
        this.account = account;
        this.functions = functions;
        this.versions = versions;
        this.mappings = mappings;
        this.queues = queues;
        this.clock = clock;
        this.changes = changes;
    }

    /** The namespace's account and region. */
    public Account account() {
        return account;
    }

    /** CreateEventSourceMapping. */
    EventSourceMapping create(MappingWireTypes.MappingRequest request) {
        MappingRules.requireModel(request);
        new ValidationErrors().requireNotNull(request.functionName(), "functionName").throwIfAny();
        MappingRules.requireQueueArn(request.eventSourceArn());
        String functionArn = requireFunction(request.functionName());
        MappingRules.requireSqsMembers(request, request.eventSourceArn());
        if (!queues.exists(request.eventSourceArn())) {
            throw LambdaException.invalidParameterValue(MappingRules.NO_QUEUE);
        }
        int batchSize = request.batchSize() == null ? DEFAULT_BATCH_SIZE : request.batchSize();
        int window = request.maximumBatchingWindowInSeconds() == null ? 0 : request.maximumBatchingWindowInSeconds();
        MappingRules.requireBatching(batchSize, window);
        List<String> patterns = MappingRules.filterPatterns(request.filterCriteria());
        boolean enabled = request.enabled() == null || request.enabled();
        EventSourceMapping mapping = new EventSourceMapping(UUID.randomUUID().toString(), account,
                request.eventSourceArn(), functionArn,
                enabled ? EventSourceMapping.STATE_CREATING : EventSourceMapping.STATE_DISABLED, USER_INITIATED,
                batchSize, window, request.scalingConfig() == null ? null : request.scalingConfig().maximumConcurrency(),
                request.functionResponseTypes(), patterns, now(), EventSourceMapping.NO_RECORDS_PROCESSED);
        Optional<EventSourceMapping> existing = mappings.create(mapping);
        if (existing.isPresent()) {
            throw duplicate(request.eventSourceArn(), request.functionName(), existing.get());
        }
        changes.put(mapping);
        return mapping;
    }

    /** GetEventSourceMapping. */
    EventSourceMapping get(String uuid) {
        return require(uuid);
    }

    /** UpdateEventSourceMapping: changes what the request names and keeps the rest. */
    EventSourceMapping update(String uuid, MappingWireTypes.MappingRequest request) {
        MappingRules.requireModel(request);
        EventSourceMapping current = require(uuid);
        if (!settled(current.state())) {
            throw LambdaException.resourceInUse("Cannot update the event source mapping because it is in use.");
        }
        String functionArn = request.functionName() == null ? current.functionArn()
                : requireFunction(request.functionName());
        MappingRules.requireSqsMembers(request, current.eventSourceArn());
        int batchSize = request.batchSize() == null ? current.batchSize() : request.batchSize();
        int window = request.maximumBatchingWindowInSeconds() == null ? current.maximumBatchingWindowInSeconds()
                : request.maximumBatchingWindowInSeconds();
        MappingRules.requireBatching(batchSize, window);
        List<String> patterns = request.filterCriteria() == null ? current.filterPatterns()
                : MappingRules.filterPatterns(request.filterCriteria());
        Integer concurrency = request.scalingConfig() == null ? current.maximumConcurrency()
                : request.scalingConfig().maximumConcurrency();
        List<String> responseTypes = request.functionResponseTypes() == null ? current.functionResponseTypes()
                : request.functionResponseTypes();
        mappings.conflicting(uuid, current.eventSourceArn(), functionArn).ifPresent(other -> {
            throw duplicate(current.eventSourceArn(), request.functionName(), other); // only a new function conflicts
        });
        EventSourceMapping changed = new EventSourceMapping(uuid, account, current.eventSourceArn(), functionArn,
                nextState(current.state(), request.enabled()), USER_INITIATED, batchSize, window, concurrency,
                responseTypes, patterns, now(), current.lastProcessingResult());
        if (!mappings.update(changed, current.state())) {
            require(uuid); // deleted meanwhile: not found; else a report moved it
            throw LambdaException.resourceInUse("Cannot update the event source mapping because it is in use.");
        }
        changes.put(changed);
        return changed;
    }

    /** DeleteEventSourceMapping: the mapping answers {@code Deleting} until its pollers have stopped. */
    EventSourceMapping delete(String uuid) {
        for (int attempt = 1; ; attempt++) {
            EventSourceMapping current = require(uuid);
            if (current.state().equals(EventSourceMapping.STATE_DELETING)) {
                throw LambdaException.resourceInUse("Cannot delete the event source mapping because it is in use.");
            }
            EventSourceMapping deleting = new EventSourceMapping(uuid, account, current.eventSourceArn(),
                    current.functionArn(), EventSourceMapping.STATE_DELETING, USER_INITIATED, current.batchSize(),
                    current.maximumBatchingWindowInSeconds(), current.maximumConcurrency(),
                    current.functionResponseTypes(), current.filterPatterns(), now(), current.lastProcessingResult());
            if (mappings.update(deleting, current.state())) {
                changes.put(deleting);
                return deleting;
            }
            if (attempt == DELETE_ATTEMPTS) {
                throw LambdaException.resourceInUse("Cannot delete the event source mapping because it is in use.");
            }
        }
    }

    /** A page of ListEventSourceMappings. */
    record Page(List<EventSourceMapping> mappings, Optional<String> nextMarker) {
    }

    /**
     * ListEventSourceMappings: the namespace's mappings ordered by UUID, of only the event source and of only the
     * function (its ARN as the mapping reports it) when the request names them, which need not exist.
     */
    Page list(String eventSourceArn, String functionName, String marker, int maxItems) {
        ValidationErrors errors = new ValidationErrors();
        if (functionName != null && !functionName.matches(MappingRules.FUNCTION_NAME_PATTERN)) {
            errors.add(functionName, "functionName", "Member must satisfy regular expression pattern: "
                    + MappingRules.FUNCTION_NAME_PATTERN);
        }
        if (eventSourceArn != null && !eventSourceArn.matches(MappingRules.ARN_PATTERN)) {
            errors.add(eventSourceArn, "eventSourceArn", "Member must satisfy regular expression pattern: "
                    + MappingRules.ARN_PATTERN);
        }
        errors.throwIfAny();
        String functionArn = functionName == null ? null : functionArn(FunctionReference.parse(functionName, account));
        List<EventSourceMapping> found = mappings.list(eventSourceArn, functionArn, marker, maxItems + 1);
        if (found.size() <= maxItems) {
            return new Page(found, Optional.empty());
        }
        List<EventSourceMapping> page = found.subList(0, maxItems);
        return new Page(List.copyOf(page), Optional.of(page.get(maxItems - 1).uuid()));
    }

    /** Whether a mapping in {@code state} is between no two states: only then may it be updated. */
    private static boolean settled(String state) {
        return state.equals(EventSourceMapping.STATE_ENABLED) || state.equals(EventSourceMapping.STATE_DISABLED);
    }

    /** The state an update moves a settled mapping to. */
    static String nextState(String current, Boolean enabled) {
        if (current.equals(EventSourceMapping.STATE_DISABLED)) {
            return Boolean.TRUE.equals(enabled) ? EventSourceMapping.STATE_ENABLING : EventSourceMapping.STATE_DISABLED;
        }
        return Boolean.FALSE.equals(enabled) ? EventSourceMapping.STATE_DISABLING : EventSourceMapping.STATE_UPDATING;
    }

    /** The mapping {@code uuid} of this namespace, or AWS's ResourceNotFoundException. */
    private EventSourceMapping require(String uuid) {
        if (uuid == null || uuid.length() != 36) {
            String bound = uuid != null && uuid.length() > 36 ? "less than or equal to 36" : "greater than or equal to 36";
            throw LambdaException.validation(new ValidationErrors().add(uuid, "uUID", "Member must have length "
                    + bound).message().orElseThrow());
        }
        return mappings.find(uuid).orElseThrow(() -> LambdaException.resourceNotFound(NO_RESOURCE));
    }

    /**
     * The ARN of the function (version, alias) {@code functionName} names, as the mapping reports it: unqualified for
     * a bare name or ARN, else with its qualifier.
     *
     * @throws LambdaException InvalidParameterValueException "Function does not exist" when it does not
     */
    private String requireFunction(String functionName) {
        FunctionReference reference = FunctionReference.parse(functionName, account);
        boolean exists = functions.find(reference.name()).isPresent() && reference.qualifier()
                .map(qualifier -> qualifier.equals("$LATEST")
                        || versions.findVersion(reference.name(), qualifier).isPresent()
                        || versions.findAlias(reference.name(), qualifier).isPresent())
                .orElse(true);
        if (!exists) {
            throw LambdaException.invalidParameterValue(MappingRules.NO_FUNCTION);
        }
        return functionArn(reference);
    }

    private String functionArn(FunctionReference reference) {
        return reference.qualifier().map(qualifier -> account.functionArn(reference.name(), qualifier))
                .orElseGet(() -> account.functionArn(reference.name()));
    }

    private static LambdaException duplicate(String eventSourceArn, String functionName, EventSourceMapping existing) {
        return LambdaException.resourceConflict("An event source mapping with SQS arn (\" " + eventSourceArn
                + " \") and function (\" " + functionName + " \") already exists. Please update or delete the "
                + "existing mapping with UUID " + existing.uuid());
    }

    /** Now, to the millisecond the store keeps. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
