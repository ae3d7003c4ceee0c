package dev.gust.api.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.LambdaException;
import dev.gust.core.esm.EventSourceMapping;
import dev.gust.core.esm.EventSourceMappingChanges;
import dev.gust.store.FunctionRecord;
import dev.gust.store.SqliteEventSourceMappingStore;
import dev.gust.store.SqliteFunctionStore;
import dev.gust.store.SqliteVersionStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane of event source mappings over the embedded stores: what it writes, tells and refuses. */
class EventSourceMappingServiceTest {

    private static final Account ACCOUNT = Account.defaults();
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00.123456Z");

    @TempDir
    Path dataDir;
    SqliteFunctionStore functions;
    SqliteVersionStore versions;
    SqliteEventSourceMappingStore store;
    final Set<String> queues = new HashSet<>(Set.of(QUEUE));
    final List<String> told = new ArrayList<>();
    EventSourceMappingService service;

    @BeforeEach
    void open() {
        functions = new SqliteFunctionStore(dataDir);
        versions = new SqliteVersionStore(dataDir);
        store = new SqliteEventSourceMappingStore(dataDir);
        service = new EventSourceMappingService(ACCOUNT, functions, versions, store, queues::contains,
                InstantSource.fixed(NOW), new EventSourceMappingChanges() {
                    @Override
                    public void put(EventSourceMapping mapping) {
                        told.add("put " + mapping.state());
                    }

                    @Override
                    public void removed(String uuid) {
                        told.add("removed " + uuid);
                    }
                });
        createFunction("worker");
    }

    @AfterEach
    void close() {
        store.close();
        versions.close();
        functions.close();
    }

    private void createFunction(String name) {
        functions.create(new FunctionRecord(FunctionConfiguration.builder().functionName(name).runtime("python3.12")
                .role("arn:aws:iam::000000000000:role/lambda").handler("h.h")
                .lastModified(Instant.EPOCH).revisionId("r1").build(), Map.of()));
    }

    private static MappingWireTypes.MappingRequest create(String function, String queue,
            Consumer<Builder> settings) {
        Builder builder = new Builder();
        builder.functionName = function;
        builder.eventSourceArn = queue;
        settings.accept(builder);
        return builder.build();
    }

    private static MappingWireTypes.MappingRequest update(Consumer<Builder> settings) {
        return create(null, null, settings);
    }

    /** A request's members, set by each test. */
    static final class Builder {
        String functionName;
        String eventSourceArn;
        Boolean enabled;
        Integer batchSize;
        Integer window;
        List<String> patterns;
        Integer concurrency;
        List<String> responseTypes;
        String startingPosition;

        MappingWireTypes.MappingRequest build() {
            return new MappingWireTypes.MappingRequest(functionName, eventSourceArn, enabled, batchSize, window,
                    patterns == null ? null : new MappingWireTypes.FilterCriteriaRequest(
                            patterns.stream().map(MappingWireTypes.FilterRequest::new).toList()),
                    concurrency == null ? null : new MappingWireTypes.ScalingConfigRequest(concurrency),
                    responseTypes, startingPosition, null);
        }
    }

    private void assertRefused(ThrowingCallable call, String type, String message) {
        int before = store.all().size();
        List<String> toldBefore = List.copyOf(told);
        assertThatThrownBy(call).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.errorType()).isEqualTo(type);
            assertThat(e.getMessage()).isEqualTo(message);
        });
        assertThat(store.all()).hasSize(before);
        assertThat(told).isEqualTo(toldBefore);
    }

    @Test
    void createsWithAwsDefaultsInCreatingAndTellsThePollers() {
        EventSourceMapping created = service.create(create("worker", QUEUE, b -> { }));

        assertThat(created.uuid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(created.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:worker");
        assertThat(created.state()).isEqualTo("Creating");
        assertThat(created.stateTransitionReason()).isEqualTo("USER_INITIATED");
        assertThat(created.batchSize()).isEqualTo(10);
        assertThat(created.maximumBatchingWindowInSeconds()).isZero();
        assertThat(created.maximumConcurrency()).isNull();
        assertThat(created.functionResponseTypes()).isEmpty();
        assertThat(created.lastModified()).isEqualTo(Instant.parse("2026-12-07T10:00:00.123Z"));
        assertThat(created.lastProcessingResult()).isEqualTo("No records processed");
        assertThat(service.get(created.uuid())).isEqualTo(created);
        assertThat(told).containsExactly("put Creating");
    }

    @Test
    void createsDisabledWhenAskedAndKeepsEverySetting() {
        EventSourceMapping created = service.create(create("arn:aws:lambda:us-east-1:000000000000:function:worker",
                QUEUE, b -> {
                    b.enabled = false;
                    b.batchSize = 100;
                    b.window = 5;
                    b.concurrency = 2;
                    b.responseTypes = List.of("ReportBatchItemFailures");
                    b.patterns = List.of("{\"body\": {\"status\": [\"done\"]}}");
                }));

        assertThat(created.state()).isEqualTo("Disabled");
        assertThat(service.get(created.uuid())).isEqualTo(created);
        assertThat(created.maximumConcurrency()).isEqualTo(2);
        assertThat(created.filterPatterns()).containsExactly("{\"body\": {\"status\": [\"done\"]}}");
        assertThat(created.reportsBatchItemFailures()).isTrue();
    }

    @Test
    void refusesWhatAwsRefusesAndChangesNothing() {
        assertRefused(() -> service.create(create("worker", null, b -> { })), "InvalidParameterValueException",
                "Unrecognized event source.");
        assertRefused(() -> service.create(create("worker", "arn:aws:kinesis:us-east-1:000000000000:stream/s",
                b -> { })), "InvalidParameterValueException", "Unrecognized event source.");
        assertRefused(() -> service.create(create("nobody", QUEUE + "-missing", b -> { })),
                "InvalidParameterValueException", "Function does not exist");
        assertRefused(() -> service.create(create("worker:live", QUEUE, b -> { })),
                "InvalidParameterValueException", "Function does not exist");
        assertRefused(() -> service.create(create("worker", QUEUE + "-missing", b -> { })),
                "InvalidParameterValueException", "Error occurred while ReceiveMessage. SQS Error Code: "
                        + "AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not "
                        + "exist.");
        assertRefused(() -> service.create(create("worker", QUEUE, b -> b.batchSize = 11)),
                "InvalidParameterValueException", "Maximum batch window in seconds must be greater than 0 if maximum "
                        + "batch size is greater than 10");
        assertRefused(() -> service.create(create("worker", QUEUE, b -> {
            b.batchSize = 0;
            b.window = 301;
        })), "ValidationException", "2 validation errors detected: Value '0' at 'batchSize' failed to satisfy "
                + "constraint: Member must have value greater than or equal to 1; Value '301' at "
                + "'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or "
                + "equal to 300");
        assertRefused(() -> service.create(create("worker", QUEUE, b -> b.concurrency = 1)), "ValidationException",
                "1 validation error detected: Value '1' at 'scalingConfig.maximumConcurrency' failed to satisfy "
                        + "constraint: Member must have value greater than or equal to 2");
        assertRefused(() -> service.create(create("worker", QUEUE, b -> b.responseTypes = List.of("Everything"))),
                "ValidationException", "1 validation error detected: Value '[Everything]' at 'functionResponseTypes' "
                        + "failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum "
                        + "value set: [ReportBatchItemFailures]]");
        assertRefused(() -> service.create(create("worker", QUEUE, b -> b.startingPosition = "LATEST")),
                "InvalidParameterValueException", "Unsupported starting position for arn type: " + QUEUE);
        assertRefused(() -> service.create(create(null, QUEUE, b -> { })), "ValidationException",
                "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must "
                        + "not be null");
    }

    @Test
    void refusesInvalidFilterPatterns() {
        for (String pattern : new String[] {"simple string", "{\"body\": \"not-a-list\"}", "[1, 2]", "{\"a\": [",
                "x".repeat(4097)}) {
            assertRefused(() -> service.create(create("worker", QUEUE, b -> b.patterns = List.of(pattern))),
                    "InvalidParameterValueException", "Invalid filter pattern definition.");
        }
        List<String> missing = new ArrayList<>();
        missing.add(null);
        assertRefused(() -> service.create(create("worker", QUEUE, b -> b.patterns = missing)),
                "InvalidParameterValueException", "Invalid filter pattern definition.");
    }

    @Test
    void refusesASecondMappingOfTheSameQueueAndFunction() {
        EventSourceMapping first = service.create(create("worker", QUEUE, b -> { }));

        assertRefused(() -> service.create(create("worker", QUEUE, b -> b.batchSize = 5)),
                "ResourceConflictException", "An event source mapping with SQS arn (\" " + QUEUE + " \") and function "
                        + "(\" worker \") already exists. Please update or delete the existing mapping with UUID "
                        + first.uuid());
    }

    @Test
    void answersAnUnknownUuidAsAwsDoes() {
        String unknown = "3f0e5b44-9d1c-4d6a-8a53-6d2f1f1f0a11";
        assertRefused(() -> service.get(unknown), "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertRefused(() -> service.update(unknown, update(b -> b.enabled = false)), "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertRefused(() -> service.delete(unknown), "ResourceNotFoundException",
                "The resource you requested does not exist.");
        assertRefused(() -> service.get("short"), "ValidationException", "1 validation error detected: Value "
                + "'short' at 'uUID' failed to satisfy constraint: Member must have length greater than or equal to 36");
    }

    @Test
    void refusesToUpdateAMappingBetweenTwoStates() {
        EventSourceMapping created = service.create(create("worker", QUEUE, b -> { }));

        assertRefused(() -> service.update(created.uuid(), update(b -> b.batchSize = 5)),
                "ResourceInUseException", "Cannot update the event source mapping because it is in use.");
        assertThat(service.get(created.uuid())).isEqualTo(created);
    }

    @Test
    void updatesKeepWhatTheyDoNotNameAndMoveThroughTheStates() {
        EventSourceMapping created = service.create(create("worker", QUEUE, b -> {
            b.concurrency = 5;
            b.patterns = List.of("{\"body\": {\"a\": [1]}}");
        }));
        settle(created.uuid(), "Creating", "Enabled");
        told.clear();

        EventSourceMapping updated = service.update(created.uuid(), update(b -> {
            b.batchSize = 50;
            b.window = 2;
        }));
        assertThat(updated.state()).isEqualTo("Updating");
        assertThat(updated.batchSize()).isEqualTo(50);
        assertThat(updated.maximumConcurrency()).isEqualTo(5);
        assertThat(updated.filterPatterns()).containsExactly("{\"body\": {\"a\": [1]}}");
        settle(created.uuid(), "Updating", "Enabled");

        assertThat(service.update(created.uuid(), update(b -> b.enabled = false)).state()).isEqualTo("Disabling");
        settle(created.uuid(), "Disabling", "Disabled");
        assertThat(service.update(created.uuid(), update(b -> b.batchSize = 7)).state()).isEqualTo("Disabled");
        assertThat(service.update(created.uuid(), update(b -> {
            b.enabled = true;
            b.patterns = List.of();
            b.concurrency = null;
        })).state()).isEqualTo("Enabling");

        EventSourceMapping last = service.get(created.uuid());
        assertThat(last.batchSize()).isEqualTo(7);
        assertThat(last.filterPatterns()).isEmpty();
        assertThat(told).containsExactly("put Updating", "put Disabling", "put Disabled", "put Enabling");
    }

    @Test
    void anUpdateChecksTheBatchingRuleOnTheResult() {
        EventSourceMapping created = service.create(create("worker", QUEUE, b -> {
            b.batchSize = 100;
            b.window = 1;
        }));
        settle(created.uuid(), "Creating", "Enabled");

        assertRefused(() -> service.update(created.uuid(), update(b -> b.window = 0)),
                "InvalidParameterValueException", "Maximum batch window in seconds must be greater than 0 if maximum "
                        + "batch size is greater than 10");
    }

    @Test
    void anUpdateMayNotMapTheQueueToAFunctionItIsMappedToAlready() {
        createFunction("other");
        EventSourceMapping first = service.create(create("worker", QUEUE, b -> { }));
        EventSourceMapping second = service.create(create("other", QUEUE, b -> { }));
        settle(second.uuid(), "Creating", "Enabled");

        assertRefused(() -> service.update(second.uuid(), update(b -> b.functionName = "worker")),
                "ResourceConflictException", "An event source mapping with SQS arn (\" " + QUEUE + " \") and function "
                        + "(\" worker \") already exists. Please update or delete the existing mapping with UUID "
                        + first.uuid());
    }

    @Test
    void deleteAnswersDeletingOnceAndKeepsTheMappingForThePollers() {
        EventSourceMapping created = service.create(create("worker", QUEUE, b -> { }));

        EventSourceMapping deleting = service.delete(created.uuid());

        assertThat(deleting.state()).isEqualTo("Deleting");
        assertThat(service.get(created.uuid()).state()).isEqualTo("Deleting");
        assertRefused(() -> service.delete(created.uuid()), "ResourceInUseException",
                "Cannot delete the event source mapping because it is in use.");
        assertThat(told).containsExactly("put Creating", "put Deleting");
    }

    @Test
    void aDeletedFunctionKeepsItsMappings() {
        EventSourceMapping created = service.create(create("worker", QUEUE, b -> { }));

        functions.delete("worker");

        assertThat(service.get(created.uuid())).isEqualTo(created);
        assertThat(service.list(null, "worker", null, 10).mappings()).containsExactly(created);
    }

    @Test
    void listsFilteredByQueueAndFunctionInPages() {
        createFunction("other");
        queues.add(QUEUE + "-2");
        EventSourceMapping a = service.create(create("worker", QUEUE, b -> { }));
        EventSourceMapping b = service.create(create("other", QUEUE, x -> { }));
        EventSourceMapping c = service.create(create("worker", QUEUE + "-2", x -> { }));

        assertThat(service.list(QUEUE, null, null, 10).mappings()).containsExactlyInAnyOrder(a, b);
        assertThat(service.list(null, "worker", null, 10).mappings()).containsExactlyInAnyOrder(a, c);
        assertThat(service.list(null, ACCOUNT.functionArn("other"), null, 10).mappings()).containsExactly(b);
        assertThat(service.list(null, "nobody", null, 10).mappings()).isEmpty();
        EventSourceMappingService.Page first = service.list(null, null, null, 2);
        assertThat(first.mappings()).hasSize(2);
        EventSourceMappingService.Page rest = service.list(null, null, first.nextMarker().orElseThrow(), 2);
        assertThat(rest.nextMarker()).isEmpty();
        assertThat(rest.mappings()).hasSize(1).doesNotContainAnyElementsOf(first.mappings());
    }

    private void settle(String uuid, String from, String to) {
        assertThat(store.transition(uuid, from, to, NOW)).isTrue();
    }
}
