package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Alias;
import dev.gust.core.CodePackage;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.VersionWeight;
import dev.gust.store.FunctionStore.ReplaceOutcome;
import dev.gust.store.VersionStore.AliasWrite;
import dev.gust.store.VersionStore.Publication;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link VersionStore} must show, together with the {@link FunctionStore} whose functions it
 * versions. A store's test extends this class and says how to open both on a directory; opening again on the same
 * directory must see the same data.
 */
public abstract class VersionStoreContract {

    /** A function store and the version store of the same data. */
    protected record Stores(FunctionStore functions, VersionStore versions) {
    }

    @TempDir
    Path directory;

    private FunctionStore functions;
    private VersionStore versions;

    /** Opens both stores, keeping their data in (or keyed by) {@code directory}. */
    protected abstract Stores open(Path directory);

    @BeforeEach
    void openStores() {
        Stores stores = open(directory);
        functions = stores.functions();
        versions = stores.versions();
        functions.create(withCode(FunctionStoreContract.function("fn", "r1"), "aa"));
    }

    @AfterEach
    void closeStores() {
        versions.close();
        functions.close();
    }

    @Test
    void publishesNumberedCopiesAndGivesLatestTheNewRevision() {
        FunctionConfiguration first = publish("r1", "r2").version().orElseThrow();
        FunctionConfiguration second = publish("r2", "r3").version().orElseThrow();

        assertThat(first.version()).isEqualTo("1");
        assertThat(second.version()).isEqualTo("2");
        assertThat(versions.findVersion("fn", "1")).contains(first);
        assertThat(versions.publishedFrom("fn", "r2")).contains(first);
        assertThat(versions.publishedFrom("fn", "r3")).contains(second);
        assertThat(versions.publishedFrom("fn", "r1")).isEmpty();
        assertThat(functions.find("fn").orElseThrow().revisionId()).isEqualTo("r3");
        assertThat(functions.find("fn").orElseThrow().tags()).containsEntry("owner", "fn");
    }

    @Test
    void theSameFunctionInAnotherNamespaceHasItsOwnVersionsAndAliases() {
        FunctionStore otherFunctions = functions.in(FunctionStoreContract.OTHER_ACCOUNT);
        VersionStore other = versions.in(FunctionStoreContract.OTHER_ACCOUNT);
        publish("r1", "r2");
        publish("r2", "r3");
        otherFunctions.create(withCode(FunctionStoreContract.function("fn", "o1"), "bb"));
        FunctionConfiguration otherLatest = otherFunctions.find("fn").orElseThrow().configuration();

        FunctionConfiguration otherFirst = other.publish(otherLatest.toBuilder().revisionId("o2").build(), "o1",
                otherLatest).version().orElseThrow();
        assertThat(other.createAlias(alias("live", "1", Optional.empty(), "a1"))).isEqualTo(AliasWrite.WRITTEN);

        assertThat(otherFirst.version()).as("numbered on its own").isEqualTo("1");
        assertThat(other.findVersion("fn", "2")).isEmpty();
        assertThat(versions.findAlias("fn", "live")).isEmpty();
        assertThat(versions.in(FunctionStoreContract.EU_WEST_1).findVersion("fn", "1")).isEmpty();
        assertThat(otherFunctions.delete("fn")).isTrue();
        assertThat(other.findVersion("fn", "1")).as("deleted with its function").isEmpty();
        assertThat(versions.findVersion("fn", "1")).as("the other namespace's is untouched").isPresent();
        assertThat(functions.referencedPackages()).containsExactly(FunctionStoreContract.hex("aa"));
    }

    @Test
    void aRevisionThatChangedOnlyItsPolicyCountsAsPublishedFromTheSameVersion() {
        FunctionConfiguration first = publish("r1", "r2").version().orElseThrow();

        versions.carryPublication("fn", "r2", "r2-policy");
        versions.carryPublication("fn", "r-never-published", "r-other");

        assertThat(versions.publishedFrom("fn", "r2-policy")).contains(first);
        assertThat(versions.publishedFrom("fn", "r2")).isEmpty();
        assertThat(versions.publishedFrom("fn", "r-other")).isEmpty();
    }

    @Test
    void refusesToPublishOverAStaleRevisionOrAMissingFunction() {
        assertThat(publish("stale", "r2").outcome()).isEqualTo(ReplaceOutcome.REVISION_MISMATCH);
        assertThat(versions.publish(latest("ghost", "r2"), "r1", latest("ghost", "v")).outcome())
                .isEqualTo(ReplaceOutcome.NOT_FOUND);

        assertThat(versions.versions("fn", 0, 10)).isEmpty();
        assertThat(functions.find("fn").orElseThrow().revisionId()).isEqualTo("r1");
    }

    @Test
    void neverReusesTheNumberOfADeletedVersion() {
        publish("r1", "r2");
        publish("r2", "r3");

        assertThat(versions.deleteVersion("fn", "2").deleted()).isTrue();
        assertThat(publish("r3", "r4").version().orElseThrow().version()).isEqualTo("3");
        assertThat(versions.versions("fn", 0, 10).stream().map(FunctionConfiguration::version))
                .containsExactly("1", "3");
    }

    @Test
    void listsVersionsInNumberOrderAfterAGivenNumber() {
        for (int i = 1; i <= 12; i++) {
            publish("r" + i, "r" + (i + 1));
        }

        assertThat(versions.versions("fn", 9, 10).stream().map(FunctionConfiguration::version))
                .containsExactly("10", "11", "12");
        assertThat(versions.versions("fn", 0, 2).stream().map(FunctionConfiguration::version))
                .containsExactly("1", "2");
        assertThat(versions.versions("other", 0, 2)).isEmpty();
    }

    @Test
    void findsNothingForLatestOrNonNumbers() {
        publish("r1", "r2");

        assertThat(versions.findVersion("fn", FunctionConfiguration.LATEST)).isEmpty();
        assertThat(versions.findVersion("fn", "live")).isEmpty();
        assertThat(versions.findVersion("fn", "99")).isEmpty();
    }

    @Test
    void keepsAPublishedVersionsPackageReferencedAfterLatestMovesOn() {
        publish("r1", "r2");
        FunctionRecord current = functions.find("fn").orElseThrow();
        functions.replace(withCode(new FunctionRecord(current.configuration().toBuilder().revisionId("r3").build(),
                current.tags()), "bb"), "r2");

        assertThat(functions.referencedPackages()).containsExactlyInAnyOrder(hex("aa"), hex("bb"));
        assertThat(versions.deleteVersion("fn", "1").deleted()).isTrue();
        assertThat(functions.referencedPackages()).containsExactly(hex("bb"));
    }

    @Test
    void refusesToDeleteAVersionThatAliasesRouteTo() {
        publish("r1", "r2");
        publish("r2", "r3");
        assertThat(versions.createAlias(alias("live", "1", Optional.empty(), "a1"))).isEqualTo(AliasWrite.WRITTEN);
        assertThat(versions.createAlias(alias("canary", "1", Optional.of(new VersionWeight("2", 0.1)), "a2")))
                .isEqualTo(AliasWrite.WRITTEN);

        assertThat(versions.deleteVersion("fn", "2").referencingAliases()).containsExactly("canary");
        assertThat(versions.deleteVersion("fn", "1").referencingAliases()).containsExactly("canary", "live");
        assertThat(versions.findVersion("fn", "2")).isPresent();
        assertThat(versions.deleteVersion("fn", "7").deleted()).isFalse();
    }

    @Test
    void createsFindsAndRefusesDuplicateAliases() {
        publish("r1", "r2");
        Alias live = alias("live", "1", Optional.empty(), "a1");

        assertThat(versions.createAlias(live)).isEqualTo(AliasWrite.WRITTEN);
        assertThat(versions.createAlias(live)).isEqualTo(AliasWrite.ALREADY_EXISTS);
        assertThat(versions.findAlias("fn", "live")).contains(live);
        assertThat(versions.findAlias("fn", "dead")).isEmpty();
    }

    @Test
    void refusesAliasesOfMissingFunctionsOrVersions() {
        publish("r1", "r2");

        assertThat(versions.createAlias(new Alias("ghost", "live", "1", "", Optional.empty(), "a")))
                .isEqualTo(AliasWrite.NOT_FOUND);
        assertThat(versions.createAlias(alias("live", "2", Optional.empty(), "a"))).isEqualTo(AliasWrite.VERSION_NOT_FOUND);
        assertThat(versions.createAlias(alias("live", "1", Optional.of(new VersionWeight("3", 0.5)), "a")))
                .isEqualTo(AliasWrite.VERSION_NOT_FOUND);
        assertThat(versions.createAlias(alias("latest", FunctionConfiguration.LATEST, Optional.empty(), "a")))
                .isEqualTo(AliasWrite.WRITTEN);
        assertThat(versions.findAlias("fn", "live")).isEmpty();
    }

    @Test
    void replacesAnAliasOnlyOverItsCurrentRevision() {
        publish("r1", "r2");
        publish("r2", "r3");
        versions.createAlias(alias("live", "1", Optional.empty(), "a1"));
        Alias split = alias("live", "1", Optional.of(new VersionWeight("2", 0.25)), "a2");

        assertThat(versions.replaceAlias(split, "stale")).isEqualTo(AliasWrite.REVISION_MISMATCH);
        assertThat(versions.replaceAlias(alias("live", "9", Optional.empty(), "a2"), "a1"))
                .isEqualTo(AliasWrite.VERSION_NOT_FOUND);
        assertThat(versions.replaceAlias(split, "a1")).isEqualTo(AliasWrite.WRITTEN);
        assertThat(versions.findAlias("fn", "live")).contains(split);
        assertThat(versions.replaceAlias(alias("dead", "1", Optional.empty(), "x"), "a1"))
                .isEqualTo(AliasWrite.NOT_FOUND);
    }

    @Test
    void listsAliasesInNamePagesFilteredByVersion() {
        publish("r1", "r2");
        publish("r2", "r3");
        for (String name : List.of("d", "b", "a", "c")) {
            versions.createAlias(alias(name, name.equals("c") ? "2" : "1", Optional.empty(), "rev-" + name));
        }

        AliasPage first = versions.listAliases("fn", null, null, 3);
        AliasPage rest = versions.listAliases("fn", null, first.nextMarker().orElseThrow(), 3);
        AliasPage ofOne = versions.listAliases("fn", "1", null, 10);

        assertThat(first.aliases().stream().map(Alias::name)).containsExactly("a", "b", "c");
        assertThat(rest.aliases().stream().map(Alias::name)).containsExactly("d");
        assertThat(rest.nextMarker()).isEmpty();
        assertThat(ofOne.aliases().stream().map(Alias::name)).containsExactly("a", "b", "d");
    }

    @Test
    void deletesAliases() {
        publish("r1", "r2");
        versions.createAlias(alias("live", "1", Optional.empty(), "a1"));

        assertThat(versions.deleteAlias("fn", "live")).isTrue();
        assertThat(versions.deleteAlias("fn", "live")).isFalse();
        assertThat(versions.deleteVersion("fn", "1").deleted()).isTrue();
    }

    @Test
    void deletingTheFunctionDeletesItsVersionsAndAliasesAndRestartsNothing() {
        publish("r1", "r2");
        versions.createAlias(alias("live", "1", Optional.empty(), "a1"));

        assertThat(functions.delete("fn")).isTrue();

        assertThat(versions.findVersion("fn", "1")).isEmpty();
        assertThat(versions.findAlias("fn", "live")).isEmpty();
        assertThat(functions.referencedPackages()).isEmpty();
        functions.create(withCode(FunctionStoreContract.function("fn", "n1"), "aa"));
        assertThat(versions.publish(latest("fn", "n2"), "n1", latest("fn", "v")).version().orElseThrow().version())
                .isEqualTo("1");
    }

    @Test
    void keepsVersionsAndAliasesAcrossReopening() {
        FunctionConfiguration published = publish("r1", "r2").version().orElseThrow();
        Alias live = alias("live", "1", Optional.of(new VersionWeight("1", 0.0)), "a1");
        versions.createAlias(alias("live", "1", Optional.empty(), "a1"));

        closeStores();
        openStoresAgain();

        assertThat(versions.findVersion("fn", "1")).contains(published);
        assertThat(versions.findAlias("fn", "live").orElseThrow().functionVersion()).isEqualTo(live.functionVersion());
        assertThat(publish("r2", "r3").version().orElseThrow().version()).isEqualTo("2");
    }

    private void openStoresAgain() {
        Stores stores = open(directory);
        functions = stores.functions();
        versions = stores.versions();
    }

    private Publication publish(String expectedRevision, String newRevision) {
        FunctionConfiguration current = functions.find("fn").map(FunctionRecord::configuration)
                .orElseThrow();
        return versions.publish(current.toBuilder().revisionId(newRevision).build(), expectedRevision,
                current.toBuilder().revisionId("version-of-" + expectedRevision).description("published").build());
    }

    private static FunctionConfiguration latest(String name, String revisionId) {
        return FunctionStoreContract.function(name, revisionId).configuration();
    }

    private static Alias alias(String name, String version, Optional<VersionWeight> additional, String revisionId) {
        return new Alias("fn", name, version, "", additional, revisionId);
    }

    private static FunctionRecord withCode(FunctionRecord record, String hexByte) {
        return new FunctionRecord(record.configuration().toBuilder().code(new CodePackage(hex(hexByte), 10, 20))
                .build(), record.tags());
    }

    private static String hex(String hexByte) {
        return FunctionStoreContract.hex(hexByte);
    }
}
