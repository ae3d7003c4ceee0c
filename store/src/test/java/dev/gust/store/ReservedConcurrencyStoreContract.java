package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ReservedConcurrencyStore} must show. A store's test extends this class and says how
 * to open a store on a directory; opening again on the same directory must see the same data.
 */
public abstract class ReservedConcurrencyStoreContract {

    @TempDir
    Path directory;

    private ReservedConcurrencyStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract ReservedConcurrencyStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void findsNothingForAFunctionWithoutReservation() {
        assertThat(store.find("hello")).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void findsPutReservationIncludingZero() {
        store.put("hello", 5);
        store.put("throttled", 0);

        assertThat(store.find("hello")).isEqualTo(OptionalInt.of(5));
        assertThat(store.find("throttled")).isEqualTo(OptionalInt.of(0));
        assertThat(store.all()).isEqualTo(Map.of("hello", 5, "throttled", 0));
    }

    @Test
    void replacesTheReservationOnPut() {
        store.put("hello", 5);

        store.put("hello", 2);

        assertThat(store.find("hello")).isEqualTo(OptionalInt.of(2));
        assertThat(store.all()).hasSize(1);
    }

    @Test
    void deletesOnlyThatFunctionsReservation() {
        store.put("hello", 5);
        store.put("other", 3);

        assertThat(store.delete("hello")).isTrue();
        assertThat(store.delete("hello")).isFalse();

        assertThat(store.find("hello")).isEmpty();
        assertThat(store.all()).isEqualTo(Map.of("other", 3));
    }

    @Test
    void refusesANegativeReservation() {
        assertThatThrownBy(() -> store.put("hello", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.find("hello")).isEmpty();
    }

    @Test
    void keepsReservationsAcrossReopening() {
        store.put("hello", 7);
        store.close();

        store = open(directory);

        assertThat(store.find("hello")).isEqualTo(OptionalInt.of(7));
    }
}
