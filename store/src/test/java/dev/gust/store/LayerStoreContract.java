package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.CodePackage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link LayerStore} must show. A store's test extends this class and says how to open a
 * store on a directory; opening again on the same directory must see the same data.
 */
public abstract class LayerStoreContract {

    private static final Instant CREATED = Instant.parse("2025-01-31T12:34:56.123Z");

    @TempDir
    Path directory;

    private LayerStore store;

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract LayerStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void numbersVersionsFromOneAndFindsThemWithEveryField() {
        LayerVersion first = store.publish(draft("deps", "11"));
        LayerVersion second = store.publish(new LayerStore.Draft("deps", "second", List.of("python3.12", "nodejs20.x"),
                List.of("arm64", "x86_64"), "MIT", new CodePackage(hex("22"), 7, 70), CREATED));

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        assertThat(store.find("deps", 2)).contains(new LayerVersion("deps", 2, "second", List.of("python3.12",
                "nodejs20.x"), List.of("arm64", "x86_64"), "MIT", new CodePackage(hex("22"), 7, 70), CREATED,
                Optional.empty()));
        assertThat(store.find("deps", 1).orElseThrow().licenseInfo()).isNull();
        assertThat(store.find("deps", 1).orElseThrow().description()).isEmpty();
    }

    @Test
    void aLayerOfTheSameNameInAnotherNamespaceIsAnotherLayer() {
        LayerStore ireland = store.in(FunctionStoreContract.EU_WEST_1);
        store.publish(draft("deps", "11"));
        store.publish(draft("deps", "12"));

        LayerVersion irish = ireland.publish(draft("deps", "13"));

        assertThat(irish.version()).as("numbered on its own").isEqualTo(1);
        assertThat(ireland.find("deps", 2)).isEmpty();
        assertThat(ireland.latestVersions()).containsExactly(irish);
        assertThat(store.latestVersions()).extracting(LayerVersion::version).containsExactly(2L);
        assertThat(ireland.delete("deps", 1)).isTrue();
        assertThat(store.find("deps", 1)).isPresent();
        assertThat(store.in(FunctionStoreContract.OTHER_ACCOUNT).versions("deps")).isEmpty();
        assertThat(ireland.referencedPackages()).as("every namespace's").hasSize(2);
    }

    @Test
    void findsNothingForUnknownLayerOrVersion() {
        store.publish(draft("deps", "11"));

        assertThat(store.find("other", 1)).isEmpty();
        assertThat(store.find("deps", 2)).isEmpty();
        assertThat(store.versions("other")).isEmpty();
    }

    @Test
    void neverReusesAVersionNumberEvenAfterEveryVersionWasDeleted() {
        store.publish(draft("deps", "11"));
        store.publish(draft("deps", "11"));
        assertThat(store.delete("deps", 1)).isTrue();
        assertThat(store.delete("deps", 2)).isTrue();
        assertThat(store.delete("deps", 2)).isFalse();

        assertThat(store.versions("deps")).isEmpty();
        assertThat(store.publish(draft("deps", "11")).version()).isEqualTo(3);
    }

    @Test
    void listsVersionsNewestFirstAndTheLatestOfEachLayerByName() {
        store.publish(draft("b", "11"));
        store.publish(draft("a", "11"));
        store.publish(draft("b", "22"));
        store.publish(draft("c", "33"));
        store.delete("c", 1);

        assertThat(store.versions("b")).extracting(LayerVersion::version).containsExactly(2L, 1L);
        assertThat(store.latestVersions()).extracting(v -> v.layerName() + ":" + v.version())
                .containsExactly("a:1", "b:2");
    }

    @Test
    void publishesConcurrentVersionsWithDistinctNumbers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LayerVersion>> published = IntStream.range(0, 40)
                    .mapToObj(i -> pool.submit(() -> store.publish(draft("busy", "11")))).toList();
            List<Long> versions = new java.util.ArrayList<>();
            for (Future<LayerVersion> f : published) {
                versions.add(f.get().version());
            }
            assertThat(versions).containsExactlyInAnyOrderElementsOf(
                    IntStream.rangeClosed(1, 40).mapToObj(i -> (long) i).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void replacesThePolicyOnlyFromTheRevisionRead() {
        store.publish(draft("deps", "11"));
        LayerPolicy one = new LayerPolicy("rev-1", List.of(new LayerPermission("s1", "lambda:GetLayerVersion", "*", null)));
        LayerPolicy two = new LayerPolicy("rev-2", List.of(one.statements().getFirst(),
                new LayerPermission("s2", "lambda:GetLayerVersion", "123456789012", "o-abcdefghij")));

        assertThat(store.replacePolicy("deps", 1, "rev-0", Optional.of(one)))
                .isEqualTo(LayerStore.PolicyOutcome.REVISION_MISMATCH);
        assertThat(store.replacePolicy("deps", 1, null, Optional.of(one))).isEqualTo(LayerStore.PolicyOutcome.REPLACED);
        assertThat(store.replacePolicy("deps", 1, null, Optional.of(two)))
                .isEqualTo(LayerStore.PolicyOutcome.REVISION_MISMATCH);
        assertThat(store.replacePolicy("deps", 1, "rev-1", Optional.of(two))).isEqualTo(LayerStore.PolicyOutcome.REPLACED);
        assertThat(store.find("deps", 1).orElseThrow().policy()).contains(two);

        assertThat(store.replacePolicy("deps", 1, "rev-2", Optional.empty())).isEqualTo(LayerStore.PolicyOutcome.REPLACED);
        assertThat(store.find("deps", 1).orElseThrow().policy()).isEmpty();
        assertThat(store.replacePolicy("deps", 2, null, Optional.of(one))).isEqualTo(LayerStore.PolicyOutcome.NOT_FOUND);
    }

    @Test
    void referencesThePackagesOfExistingVersionsOnly() {
        store.publish(draft("a", "11"));
        store.publish(draft("a", "22"));
        store.publish(draft("b", "11"));
        store.delete("a", 2);

        assertThat(store.referencedPackages()).containsExactly(hex("11"));
    }

    @Test
    void keepsEverythingAcrossReopening() {
        store.publish(draft("deps", "11"));
        store.publish(draft("deps", "22"));
        store.delete("deps", 2);
        LayerPolicy policy = new LayerPolicy("rev", List.of(new LayerPermission("s1", "lambda:GetLayerVersion", "*", null)));
        store.replacePolicy("deps", 1, null, Optional.of(policy));
        store.close();

        store = open(directory);

        assertThat(store.find("deps", 1).orElseThrow().policy()).contains(policy);
        assertThat(store.publish(draft("deps", "33")).version()).isEqualTo(3);
    }

    private static LayerStore.Draft draft(String name, String hexByte) {
        return new LayerStore.Draft(name, "", List.of("python3.12"), List.of("x86_64"), null,
                new CodePackage(hex(hexByte), 10, 20), CREATED);
    }

    /** A valid-looking SHA-256 made of one repeated byte. */
    private static String hex(String hexByte) {
        return hexByte.repeat(32);
    }
}
