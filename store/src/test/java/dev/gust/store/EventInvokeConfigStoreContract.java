package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link EventInvokeConfigStore} must show. A store's test extends this class and says how
 * to open a store on a directory; opening again on the same directory must see the same data.
 */
public abstract class EventInvokeConfigStoreContract {

    private static final Instant MODIFIED = Instant.parse("2025-01-31T12:34:56.123456789Z");

    @TempDir
    Path directory;

    private EventInvokeConfigStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract EventInvokeConfigStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void findsPutConfigWithEveryField() {
        EventInvokeConfig config = new EventInvokeConfig("hello", "$LATEST", 1, 3600,
                new DestinationConfig("arn:aws:sqs:us-east-1:000000000000:ok", "arn:aws:sns:us-east-1:000000000000:ko"),
                MODIFIED);

        store.put(config);

        assertThat(store.find("hello", "$LATEST")).contains(config);
    }

    @Test
    void keepsUnsetSettingsUnset() {
        EventInvokeConfig config = new EventInvokeConfig("hello", "$LATEST", 0, null, DestinationConfig.NONE, MODIFIED);

        store.put(config);

        assertThat(store.find("hello", "$LATEST")).contains(config);
    }

    @Test
    void findsNothingForUnknownFunctionOrQualifier() {
        store.put(config("hello", "$LATEST", 1));

        assertThat(store.find("hello", "1")).isEmpty();
        assertThat(store.find("other", "$LATEST")).isEmpty();
    }

    @Test
    void replacesWholeConfigOnPut() {
        store.put(new EventInvokeConfig("hello", "$LATEST", 1, 60, new DestinationConfig("arn:a", null), MODIFIED));
        EventInvokeConfig replacement = new EventInvokeConfig("hello", "$LATEST", 2, null, DestinationConfig.NONE,
                MODIFIED.plusSeconds(1));

        store.put(replacement);

        assertThat(store.find("hello", "$LATEST")).contains(replacement);
    }

    @Test
    void keepsQualifiersApart() {
        store.put(config("hello", "$LATEST", 0));
        store.put(config("hello", "1", 1));
        store.put(config("hello", "prod", 2));

        assertThat(store.find("hello", "1").orElseThrow().maximumRetryAttempts()).isEqualTo(1);
        assertThat(store.find("hello", "prod").orElseThrow().maximumRetryAttempts()).isEqualTo(2);
    }

    @Test
    void deletesOneQualifiersConfig() {
        store.put(config("hello", "$LATEST", 0));
        store.put(config("hello", "1", 1));

        assertThat(store.delete("hello", "1")).isTrue();

        assertThat(store.find("hello", "1")).isEmpty();
        assertThat(store.find("hello", "$LATEST")).isPresent();
        assertThat(store.delete("hello", "1")).isFalse();
    }

    @Test
    void listsOneFunctionsConfigsByQualifierPageByPage() {
        List<String> qualifiers = IntStream.range(0, 12).mapToObj(i -> String.format("v%02d", 11 - i)).toList();
        qualifiers.forEach(q -> store.put(config("hello", q, 1)));
        store.put(config("other", "v00", 1));
        store.put(config("hellothere", "v00", 1));

        EventInvokeConfigPage first = store.list("hello", null, 5);
        EventInvokeConfigPage second = store.list("hello", first.nextMarker().orElseThrow(), 5);
        EventInvokeConfigPage third = store.list("hello", second.nextMarker().orElseThrow(), 5);

        assertThat(qualifiers(first)).containsExactly("v00", "v01", "v02", "v03", "v04");
        assertThat(qualifiers(second)).containsExactly("v05", "v06", "v07", "v08", "v09");
        assertThat(qualifiers(third)).containsExactly("v10", "v11");
        assertThat(third.nextMarker()).isEmpty();
        assertThat(first.configs()).allSatisfy(c -> assertThat(c.functionName()).isEqualTo("hello"));
    }

    /** {@code $} sorts before digits and letters, so {@code $LATEST} comes first, as on AWS. */
    @Test
    void ordersQualifiersByCharacterCode() {
        List.of("prod", "10", "2", "$LATEST", "Beta").forEach(q -> store.put(config("hello", q, 1)));

        assertThat(qualifiers(store.list("hello", null, 50))).containsExactly("$LATEST", "10", "2", "Beta", "prod");
    }

    @Test
    void endsListingWithoutMarkerWhenLastPageIsExactlyFull() {
        IntStream.range(0, 5).forEach(i -> store.put(config("hello", "q" + i, 1)));

        EventInvokeConfigPage page = store.list("hello", null, 5);

        assertThat(page.configs()).hasSize(5);
        assertThat(page.nextMarker()).isEmpty();
    }

    @Test
    void listsNothingForFunctionWithoutConfigs() {
        assertThat(store.list("hello", null, 50)).isEqualTo(new EventInvokeConfigPage(List.of(), Optional.empty()));
    }

    @Test
    void deletesEveryConfigOfAFunction() {
        store.put(config("hello", "$LATEST", 0));
        store.put(config("hello", "1", 1));
        store.put(config("other", "$LATEST", 2));

        assertThat(store.deleteFunction("hello")).isEqualTo(2);

        assertThat(store.list("hello", null, 50).configs()).isEmpty();
        assertThat(store.find("other", "$LATEST")).isPresent();
    }

    @Test
    void keepsConfigsAcrossCloseAndReopen() {
        EventInvokeConfig kept = new EventInvokeConfig("hello", "$LATEST", 2, 21600,
                new DestinationConfig(null, "arn:aws:lambda:us-east-1:000000000000:function:dlq"), MODIFIED);
        store.put(kept);
        store.put(config("hello", "1", 1));
        store.delete("hello", "1");

        store.close();
        store = open(directory);

        assertThat(store.list("hello", null, 50).configs()).containsExactly(kept);
    }

    private static EventInvokeConfig config(String function, String qualifier, int retries) {
        return new EventInvokeConfig(function, qualifier, retries, null, DestinationConfig.NONE, MODIFIED);
    }

    private static List<String> qualifiers(EventInvokeConfigPage page) {
        return page.configs().stream().map(EventInvokeConfig::qualifier).toList();
    }
}
