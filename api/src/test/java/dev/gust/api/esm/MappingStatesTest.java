package dev.gust.api.esm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.esm.EventSourceMapping;
import dev.gust.core.esm.EventSourceMappingChanges;
import dev.gust.store.SqliteEventSourceMappingStore;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pollers' reports made durable: transitions settled only from the state they left, results recorded. */
class MappingStatesTest {

    private static final Account OTHER = new Account("111122223333", "eu-west-1");
    private static final Instant CREATED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-07T10:05:00.250Z");

    @TempDir
    Path dataDir;
    SqliteEventSourceMappingStore store;
    final List<String> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = new SqliteEventSourceMappingStore(dataDir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Reports written by the time this returns: closing drains the writer. */
    private MappingStates states() {
        return new MappingStates(store, InstantSource.fixed(LATER), states -> new EventSourceMappingChanges() {
            @Override
            public void put(EventSourceMapping mapping) {
                told.add("put " + mapping.uuid().charAt(0) + " " + mapping.state());
            }

            @Override
            public void removed(String uuid) {
                told.add("removed " + uuid.charAt(0));
            }
        });
    }

    private EventSourceMapping stored(char id, Account account, String state) {
        String uuid = String.valueOf(id).repeat(8) + "-0000-4000-8000-000000000000";
        EventSourceMapping mapping = new EventSourceMapping(uuid, account, "arn:aws:sqs:" + account.region() + ":"
                + account.accountId() + ":q" + id, account.functionArn("f"), state, "USER_INITIATED", 10, 0, null,
                List.of(), List.of(), CREATED, EventSourceMapping.NO_RECORDS_PROCESSED);
        assertThat(store.in(account).create(mapping)).isEmpty();
        return mapping;
    }

    private String stateOf(EventSourceMapping mapping) {
        return store.findAnywhere(mapping.uuid()).map(EventSourceMapping::state).orElse("gone");
    }

    @Test
    void settlesEachTransitionWhereItEndsInWhicheverNamespaceAndTellsThePollers() {
        EventSourceMapping creating = stored('a', Account.defaults(), "Creating");
        EventSourceMapping updating = stored('b', OTHER, "Updating");
        EventSourceMapping disabling = stored('c', Account.defaults(), "Disabling");
        EventSourceMapping deleting = stored('d', OTHER, "Deleting");

        try (MappingStates states = states()) {
            states.settled(creating.uuid(), "Creating");
            states.settled(updating.uuid(), "Updating");
            states.settled(disabling.uuid(), "Disabling");
            states.settled(deleting.uuid(), "Deleting");
        }

        assertThat(stateOf(creating)).isEqualTo("Enabled");
        assertThat(stateOf(updating)).isEqualTo("Enabled");
        assertThat(stateOf(disabling)).isEqualTo("Disabled");
        assertThat(stateOf(deleting)).isEqualTo("gone");
        assertThat(store.findAnywhere(creating.uuid()).orElseThrow().lastModified()).isEqualTo(LATER);
        assertThat(told).containsExactly("put a Enabled", "put b Enabled", "put c Disabled", "removed d");
    }

    @Test
    void aReportOfAStateTheMappingLeftChangesNothing() {
        EventSourceMapping updating = stored('a', Account.defaults(), "Updating");
        EventSourceMapping enabled = stored('b', Account.defaults(), "Enabled");

        try (MappingStates states = states()) {
            states.settled(updating.uuid(), "Creating");
            states.settled(enabled.uuid(), "Enabled");
            states.settled("ffffffff-0000-4000-8000-000000000000", "Deleting");
        }

        assertThat(stateOf(updating)).isEqualTo("Updating");
        assertThat(store.findAnywhere(enabled.uuid())).contains(enabled);
        assertThat(told).isEmpty();
    }

    @Test
    void recordsTheLatestProcessingResult() {
        EventSourceMapping mapping = stored('a', OTHER, "Enabled");

        try (MappingStates states = states()) {
            states.processed(mapping.uuid(), "OK");
            states.processed(mapping.uuid(), "OK");
            states.processed(mapping.uuid(), "PROBLEM: Function not found: " + OTHER.functionArn("f"));
        }

        assertThat(store.findAnywhere(mapping.uuid()).orElseThrow().lastProcessingResult())
                .isEqualTo("PROBLEM: Function not found: " + OTHER.functionArn("f"));
        assertThat(told).isEmpty();
    }

    @Test
    void withoutPollersEveryStoredTransitionSettlesAtStart() {
        EventSourceMapping creating = stored('a', Account.defaults(), "Creating");
        EventSourceMapping deleting = stored('b', OTHER, "Deleting");
        EventSourceMapping disabled = stored('c', Account.defaults(), "Disabled");

        try (MappingStates states = new MappingStates(store, InstantSource.fixed(LATER), SettleImmediately::new)) {
            states.start();
        }

        assertThat(stateOf(creating)).isEqualTo("Enabled");
        assertThat(stateOf(deleting)).isEqualTo("gone");
        assertThat(store.findAnywhere(disabled.uuid())).contains(disabled);
    }
}
