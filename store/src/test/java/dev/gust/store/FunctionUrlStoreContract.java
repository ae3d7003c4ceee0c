package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.Account;
import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.core.urls.UrlCors;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link FunctionUrlStore} must show. A store's test extends this class and says how to open a
 * store on a directory; opening again on the same directory must see the same data.
 */
public abstract class FunctionUrlStoreContract {

    private static final Instant MONDAY = Instant.parse("2026-03-02T10:15:30Z");
    private static final Account HOME = Account.defaults();
    private static final Account OTHER = new Account("111122223333", "eu-west-1");

    @TempDir
    Path directory;

    private FunctionUrlStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract FunctionUrlStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static FunctionUrlConfig config(Account account, String function, String qualifier, String id) {
        return new FunctionUrlConfig(account, function, qualifier, id, "NONE", null, null, MONDAY, MONDAY);
    }

    private static String id(char c) {
        return String.valueOf(c).repeat(32);
    }

    @Test
    void findsACreatedConfigWithEverySetting() {
        UrlCors cors = new UrlCors(true, List.of("x-a"), List.of("GET", "POST"), List.of("*"), List.of("x-b"), 60);
        FunctionUrlConfig config = new FunctionUrlConfig(HOME, "hello", "live", id('a'), "AWS_IAM", cors,
                "RESPONSE_STREAM", MONDAY, MONDAY.plusSeconds(5));

        assertThat(store.create(config)).isTrue();

        assertThat(store.find("hello", "live")).contains(config);
        assertThat(store.find("hello", "$LATEST")).isEmpty();
    }

    @Test
    void refusesASecondConfigForTheSameQualifier() {
        store.create(config(HOME, "hello", "$LATEST", id('a')));

        assertThat(store.create(config(HOME, "hello", "$LATEST", id('b')))).isFalse();
        assertThat(store.find("hello", "$LATEST").orElseThrow().urlId()).isEqualTo(id('a'));
    }

    @Test
    void refusesAnIdAnotherNamespaceHolds() {
        store.create(config(HOME, "hello", "$LATEST", id('a')));

        assertThatThrownBy(() -> store.in(OTHER).create(config(OTHER, "other", "$LATEST", id('a'))))
                .isInstanceOf(RuntimeException.class);
        assertThat(store.in(OTHER).find("other", "$LATEST")).isEmpty();
    }

    @Test
    void updatesOnlyAnExistingConfig() {
        FunctionUrlConfig created = config(HOME, "hello", "$LATEST", id('a'));
        store.create(created);
        FunctionUrlConfig changed = created.with("AWS_IAM", null, "BUFFERED", MONDAY.plusSeconds(60));

        assertThat(store.update(changed)).isTrue();
        assertThat(store.update(config(HOME, "nobody", "$LATEST", id('b')))).isFalse();

        assertThat(store.find("hello", "$LATEST")).contains(changed);
        assertThat(store.find("nobody", "$LATEST")).isEmpty();
    }

    @Test
    void deletesOneConfigAndReturnsIt() {
        FunctionUrlConfig latest = config(HOME, "hello", "$LATEST", id('a'));
        store.create(latest);
        store.create(config(HOME, "hello", "live", id('b')));

        assertThat(store.delete("hello", "$LATEST")).contains(latest);
        assertThat(store.delete("hello", "$LATEST")).isEmpty();

        assertThat(store.find("hello", "live")).isPresent();
    }

    @Test
    void deletesEveryConfigOfAFunction() {
        store.create(config(HOME, "hello", "$LATEST", id('a')));
        store.create(config(HOME, "hello", "live", id('b')));
        store.create(config(HOME, "other", "$LATEST", id('c')));

        assertThat(store.deleteFunction("hello")).extracting(FunctionUrlConfig::urlId)
                .containsExactlyInAnyOrder(id('a'), id('b'));

        assertThat(store.list("hello", null, 50)).isEmpty();
        assertThat(store.find("other", "$LATEST")).isPresent();
    }

    @Test
    void listsAFunctionsConfigsInPagesByQualifier() {
        store.create(config(HOME, "hello", "live", id('a')));
        store.create(config(HOME, "hello", "$LATEST", id('b')));
        store.create(config(HOME, "hello", "beta", id('c')));

        assertThat(store.list("hello", null, 2)).extracting(FunctionUrlConfig::qualifier)
                .containsExactly("$LATEST", "beta");
        assertThat(store.list("hello", "beta", 2)).extracting(FunctionUrlConfig::qualifier).containsExactly("live");
    }

    @Test
    void keepsNamespacesApartButListsThemAllEverywhere() {
        store.create(config(HOME, "hello", "$LATEST", id('a')));
        store.in(OTHER).create(config(OTHER, "hello", "$LATEST", id('b')));

        assertThat(store.find("hello", "$LATEST").orElseThrow().urlId()).isEqualTo(id('a'));
        assertThat(store.in(OTHER).find("hello", "$LATEST").orElseThrow().account()).isEqualTo(OTHER);
        assertThat(store.everywhere()).extracting(FunctionUrlConfig::urlId).containsExactlyInAnyOrder(id('a'), id('b'));
    }

    @Test
    void keepsConfigsAcrossReopening() {
        FunctionUrlConfig config = config(HOME, "hello", "$LATEST", id('a'));
        store.create(config);
        store.close();

        store = open(directory);

        assertThat(store.find("hello", "$LATEST")).contains(config);
    }
}
