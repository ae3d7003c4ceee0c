package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link ProvisionedConcurrencyStore} must show. A store's test extends this class and says how
 * to open a store on a directory; opening again on the same directory must see the same data.
 */
public abstract class ProvisionedConcurrencyStoreContract {

    private static final Instant MONDAY = Instant.parse("2026-03-02T10:15:30Z");

    @TempDir
    Path directory;

    private ProvisionedConcurrencyStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract ProvisionedConcurrencyStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static ProvisionedConcurrencyConfig config(String function, String qualifier, int requested) {
        return new ProvisionedConcurrencyConfig(function, qualifier, requested, MONDAY);
    }

    @Test
    void findsNothingWithoutAConfig() {
        assertThat(store.find("hello", "1")).isEmpty();
        assertThat(store.list("hello")).isEmpty();
        assertThat(store.all()).isEmpty();
    }

    @Test
    void findsAPutConfigWithItsLastModifiedTime() {
        store.put(config("hello", "1", 2));

        assertThat(store.find("hello", "1")).contains(config("hello", "1", 2));
        assertThat(store.find("hello", "2")).isEmpty();
        assertThat(store.find("other", "1")).isEmpty();
    }

    @Test
    void replacesTheConfigOfTheSameQualifier() {
        store.put(config("hello", "live", 2));
        ProvisionedConcurrencyConfig later = new ProvisionedConcurrencyConfig("hello", "live", 5,
                MONDAY.plusSeconds(60));

        store.put(later);

        assertThat(store.find("hello", "live")).contains(later);
        assertThat(store.list("hello")).containsExactly(later);
    }

    @Test
    void listsOneFunctionsConfigsByQualifierAndAllByFunction() {
        store.put(config("b", "live", 1));
        store.put(config("a", "2", 3));
        store.put(config("a", "1", 2));
        store.put(config("a", "blue", 4));

        assertThat(store.list("a")).extracting(ProvisionedConcurrencyConfig::qualifier)
                .containsExactly("1", "2", "blue");
        assertThat(store.all()).extracting(c -> c.functionName() + ":" + c.qualifier())
                .containsExactly("a:1", "a:2", "a:blue", "b:live");
    }

    @Test
    void deletesOneConfig() {
        store.put(config("hello", "1", 2));
        store.put(config("hello", "live", 1));

        assertThat(store.delete("hello", "1")).isTrue();
        assertThat(store.delete("hello", "1")).isFalse();

        assertThat(store.list("hello")).containsExactly(config("hello", "live", 1));
    }

    @Test
    void deletesEveryConfigOfAFunctionOnly() {
        store.put(config("hello", "1", 2));
        store.put(config("hello", "live", 1));
        store.put(config("other", "1", 1));

        store.deleteFunction("hello");

        assertThat(store.all()).containsExactly(config("other", "1", 1));
    }

    @Test
    void keepsConfigsAcrossReopening() {
        store.put(config("hello", "1", 7));
        store.close();

        store = open(directory);

        assertThat(store.find("hello", "1")).contains(config("hello", "1", 7));
    }
}
