package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.esm.EventSourceMapping;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link EventSourceMappingStore} must show. A store's test extends this class and says how to
 * open a store on a directory; opening again on the same directory must see the same data.
 */
public abstract class EventSourceMappingStoreContract {

    private static final Instant MONDAY = Instant.parse("2026-03-02T10:15:30.123Z");
    private static final Account HOME = Account.defaults();
    private static final Account OTHER = new Account("111122223333", "eu-west-1");
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";

    @TempDir
    Path directory;

    private EventSourceMappingStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract EventSourceMappingStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static String uuid(char c) {
        return (String.valueOf(c).repeat(8) + "-" + String.valueOf(c).repeat(4) + "-" + String.valueOf(c).repeat(4)
                + "-" + String.valueOf(c).repeat(4) + "-" + String.valueOf(c).repeat(12));
    }

    private static EventSourceMapping mapping(Account account, char id, String queue, String function) {
        return new EventSourceMapping(uuid(id), account, queue, account.functionArn(function),
                EventSourceMapping.STATE_CREATING, "USER_INITIATED", 10, 0, null, List.of(), List.of(), MONDAY,
                EventSourceMapping.NO_RECORDS_PROCESSED);
    }

    @Test
    void findsACreatedMappingWithEverySetting() {
        EventSourceMapping mapping = new EventSourceMapping(uuid('a'), HOME, QUEUE, HOME.functionArn("f", "live"),
                EventSourceMapping.STATE_DISABLED, "USER_INITIATED", 100, 5, 7,
                List.of(EventSourceMapping.REPORT_BATCH_ITEM_FAILURES),
                List.of("{\"body\":{\"a\":[1]}}", "{\"body\":{\"b\":[2]}}"), MONDAY, "OK");

        assertThat(store.create(mapping)).isEmpty();

        assertThat(store.find(uuid('a'))).contains(mapping);
        assertThat(store.find(uuid('b'))).isEmpty();
    }

    @Test
    void refusesASecondMappingOfTheSameQueueAndFunctionAndNamesTheFirst() {
        EventSourceMapping first = mapping(HOME, 'a', QUEUE, "f");
        store.create(first);

        assertThat(store.create(mapping(HOME, 'b', QUEUE, "f"))).contains(first);

        assertThat(store.find(uuid('b'))).isEmpty();
        assertThat(store.create(mapping(HOME, 'c', QUEUE, "g"))).isEmpty();
        assertThat(store.create(mapping(HOME, 'd', QUEUE + "-2", "f"))).isEmpty();
    }

    @Test
    void refusesAUuidAnotherNamespaceHolds() {
        store.create(mapping(HOME, 'a', QUEUE, "f"));

        assertThatThrownBy(() -> store.in(OTHER).create(mapping(OTHER, 'a', QUEUE, "f")))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.in(OTHER).find(uuid('a'))).isEmpty();
    }

    @Test
    void updatesOnlyFromTheExpectedState() {
        EventSourceMapping created = mapping(HOME, 'a', QUEUE, "f");
        store.create(created);
        EventSourceMapping changed = new EventSourceMapping(uuid('a'), HOME, QUEUE, HOME.functionArn("g"),
                EventSourceMapping.STATE_UPDATING, "USER_INITIATED", 50, 3, 2, List.of(), List.of("{}"),
                MONDAY.plusSeconds(9), "OK");

        assertThat(store.update(changed, EventSourceMapping.STATE_ENABLED)).isFalse();
        assertThat(store.find(uuid('a'))).contains(created);

        assertThat(store.update(changed, EventSourceMapping.STATE_CREATING)).isTrue();
        assertThat(store.find(uuid('a'))).contains(changed);
    }

    @Test
    void tellsWhichMappingAnUpdateWouldDuplicate() {
        store.create(mapping(HOME, 'a', QUEUE, "f"));
        store.create(mapping(HOME, 'b', QUEUE, "g"));

        assertThat(store.conflicting(uuid('b'), QUEUE, HOME.functionArn("f")))
                .map(EventSourceMapping::uuid).contains(uuid('a'));
        assertThat(store.conflicting(uuid('a'), QUEUE, HOME.functionArn("f"))).isEmpty();
        EventSourceMapping duplicate = mapping(HOME, 'b', QUEUE, "f");
        assertThatThrownBy(() -> store.update(duplicate, EventSourceMapping.STATE_CREATING))
                .isInstanceOf(StoreException.class);
        assertThat(store.find(uuid('b')).orElseThrow().functionArn()).isEqualTo(HOME.functionArn("g"));
    }

    @Test
    void movesBetweenStatesOnlyFromTheExpectedOne() {
        store.create(mapping(HOME, 'a', QUEUE, "f"));

        assertThat(store.transition(uuid('a'), EventSourceMapping.STATE_UPDATING, EventSourceMapping.STATE_ENABLED,
                MONDAY.plusSeconds(1))).isFalse();
        assertThat(store.transition(uuid('a'), EventSourceMapping.STATE_CREATING, EventSourceMapping.STATE_ENABLED,
                MONDAY.plusSeconds(1))).isTrue();

        EventSourceMapping moved = store.find(uuid('a')).orElseThrow();
        assertThat(moved.state()).isEqualTo(EventSourceMapping.STATE_ENABLED);
        assertThat(moved.lastModified()).isEqualTo(MONDAY.plusSeconds(1));
        assertThat(moved.batchSize()).isEqualTo(10);
    }

    @Test
    void recordsTheLastProcessingResult() {
        store.create(mapping(HOME, 'a', QUEUE, "f"));

        assertThat(store.recordResult(uuid('a'), "PROBLEM: Function not found")).isTrue();
        assertThat(store.recordResult(uuid('b'), "OK")).isFalse();

        assertThat(store.find(uuid('a')).orElseThrow().lastProcessingResult()).isEqualTo("PROBLEM: Function not found");
    }

    @Test
    void deletesOnlyFromTheExpectedState() {
        store.create(mapping(HOME, 'a', QUEUE, "f"));

        assertThat(store.delete(uuid('a'), EventSourceMapping.STATE_DELETING)).isFalse();
        assertThat(store.delete(uuid('a'), EventSourceMapping.STATE_CREATING)).isTrue();

        assertThat(store.find(uuid('a'))).isEmpty();
        assertThat(store.create(mapping(HOME, 'b', QUEUE, "f"))).isEmpty();
    }

    @Test
    void listsInPagesByUuidFilteredByQueueAndFunction() {
        store.create(mapping(HOME, 'c', QUEUE, "f"));
        store.create(mapping(HOME, 'a', QUEUE, "g"));
        store.create(mapping(HOME, 'b', QUEUE + "-2", "f"));

        assertThat(store.list(null, null, null, 2)).extracting(EventSourceMapping::uuid)
                .containsExactly(uuid('a'), uuid('b'));
        assertThat(store.list(null, null, uuid('b'), 2)).extracting(EventSourceMapping::uuid)
                .containsExactly(uuid('c'));
        assertThat(store.list(QUEUE, null, null, 10)).extracting(EventSourceMapping::uuid)
                .containsExactly(uuid('a'), uuid('c'));
        assertThat(store.list(null, HOME.functionArn("f"), null, 10)).extracting(EventSourceMapping::uuid)
                .containsExactly(uuid('b'), uuid('c'));
        assertThat(store.list(QUEUE, HOME.functionArn("f"), null, 10)).extracting(EventSourceMapping::uuid)
                .containsExactly(uuid('c'));
    }

    @Test
    void keepsNamespacesApartButFindsAnywhereByUuid() {
        store.create(mapping(HOME, 'a', QUEUE, "f"));
        store.in(OTHER).create(mapping(OTHER, 'b', QUEUE, "f"));

        assertThat(store.find(uuid('b'))).isEmpty();
        assertThat(store.list(null, null, null, 10)).extracting(EventSourceMapping::uuid).containsExactly(uuid('a'));
        assertThat(store.in(OTHER).transition(uuid('a'), EventSourceMapping.STATE_CREATING,
                EventSourceMapping.STATE_ENABLED, MONDAY)).isFalse();
        assertThat(store.findAnywhere(uuid('b')).orElseThrow().account()).isEqualTo(OTHER);
        assertThat(store.all()).extracting(EventSourceMapping::uuid).containsExactly(uuid('a'), uuid('b'));
    }

    @Test
    void keepsMappingsAcrossReopening() {
        EventSourceMapping mapping = mapping(HOME, 'a', QUEUE, "f");
        store.create(mapping);
        store.close();

        store = open(directory);

        assertThat(store.find(uuid('a'))).contains(mapping);
    }
}
