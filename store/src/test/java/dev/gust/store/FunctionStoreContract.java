package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import dev.gust.core.FunctionConfiguration;
import dev.gust.core.FunctionLayer;
import dev.gust.core.FunctionState;
import dev.gust.core.LastUpdateStatus;
import dev.gust.store.FunctionStore.ReplaceOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link FunctionStore} must show. A store's test extends this class and says how to open
 * a store on a directory; opening again on the same directory must see the same data.
 */
public abstract class FunctionStoreContract {

    @TempDir
    Path directory;

    private FunctionStore store;

    /** The namespace of the store that {@link #open} returns. */
    static final Account NAMESPACE = Account.defaults();
    /** The default account in another region. */
    static final Account EU_WEST_1 = new Account(NAMESPACE.accountId(), "eu-west-1");
    /** Another account in the default region. */
    static final Account OTHER_ACCOUNT = new Account("111122223333", NAMESPACE.region());

    /** Opens a store that keeps its data in (or keyed by) {@code directory}. */
    protected abstract FunctionStore open(Path directory);

    @BeforeEach
    void openStore() {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private FunctionStore reopen() {
        store.close();
        store = open(directory);
        return store;
    }

    @Test
    void findsCreatedFunction() {
        FunctionRecord record = function("hello", "r1");

        assertThat(store.create(record)).isTrue();

        assertThat(store.find("hello")).contains(record);
    }

    @Test
    void findsNothingForUnknownName() {
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void refusesDuplicateNameAndKeepsOriginal() {
        FunctionRecord original = function("hello", "r1");
        store.create(original);

        assertThat(store.create(function("hello", "r2"))).isFalse();

        assertThat(store.find("hello")).contains(original);
    }

    @Test
    void replacesWhenRevisionMatches() {
        store.create(function("hello", "r1"));
        FunctionRecord updated = withDescription(function("hello", "r2"), "new");

        assertThat(store.replace(updated, "r1")).isEqualTo(ReplaceOutcome.REPLACED);

        assertThat(store.find("hello")).contains(updated);
    }

    @Test
    void reportsNotFoundWhenReplacingUnknownFunction() {
        assertThat(store.replace(function("ghost", "r2"), "r1")).isEqualTo(ReplaceOutcome.NOT_FOUND);

        assertThat(store.find("ghost")).isEmpty();
    }

    @Test
    void reportsMismatchAndChangesNothingWhenRevisionIsStale() {
        FunctionRecord current = function("hello", "r2");
        store.create(current);

        assertThat(store.replace(function("hello", "r3"), "r1")).isEqualTo(ReplaceOutcome.REVISION_MISMATCH);

        assertThat(store.find("hello")).contains(current);
    }

    @Test
    void letsOnlyOneOfConcurrentReplacesWithSameRevisionWin() throws Exception {
        store.create(function("hello", "r0"));
        List<Callable<ReplaceOutcome>> replaces = IntStream.range(0, 8)
                .<Callable<ReplaceOutcome>>mapToObj(i -> () -> store.replace(function("hello", "r-" + i), "r0"))
                .toList();
        List<ReplaceOutcome> outcomes = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            for (Future<ReplaceOutcome> outcome : executor.invokeAll(replaces)) {
                outcomes.add(outcome.get());
            }
        }

        assertThat(outcomes).containsOnlyOnce(ReplaceOutcome.REPLACED)
                .filteredOn(o -> o != ReplaceOutcome.REPLACED)
                .containsOnly(ReplaceOutcome.REVISION_MISMATCH);
    }

    @Test
    void listsInAscendingNameOrderPageByPage() {
        List<String> names = IntStream.range(0, 25).mapToObj(i -> String.format("fn-%02d", 24 - i)).toList();
        names.forEach(name -> store.create(function(name, "r1")));

        FunctionPage first = store.list(null, 10);
        FunctionPage second = store.list(first.nextMarker().orElseThrow(), 10);
        FunctionPage third = store.list(second.nextMarker().orElseThrow(), 10);

        assertThat(names(first)).containsExactlyElementsOf(expectedNames(0, 10));
        assertThat(names(second)).containsExactlyElementsOf(expectedNames(10, 20));
        assertThat(names(third)).containsExactlyElementsOf(expectedNames(20, 25));
        assertThat(third.nextMarker()).isEmpty();
    }

    @Test
    void endsListingWithoutMarkerWhenLastPageIsExactlyFull() {
        IntStream.range(0, 10).forEach(i -> store.create(function("fn-" + i, "r1")));

        FunctionPage page = store.list(null, 10);

        assertThat(page.functions()).hasSize(10);
        assertThat(page.nextMarker()).isEmpty();
    }

    @Test
    void listsNothingWhenEmpty() {
        assertThat(store.list(null, 50)).isEqualTo(new FunctionPage(List.of(), Optional.empty()));
    }

    /** Lambda names are ASCII; every store sorts them by character code so that markers mean the same. */
    @Test
    void ordersNamesByCharacterCode() {
        List.of("beta", "Alpha", "_x", "9z", "alpha", "Beta").forEach(name -> store.create(function(name, "r1")));

        assertThat(names(store.list(null, 100))).containsExactly("9z", "Alpha", "Beta", "_x", "alpha", "beta");
    }

    @Test
    void deletesFunction() {
        store.create(function("hello", "r1"));

        assertThat(store.delete("hello")).isTrue();

        assertThat(store.find("hello")).isEmpty();
        assertThat(store.delete("hello")).isFalse();
    }

    @Test
    void countsFunctions() {
        assertThat(store.count()).isZero();
        store.create(function("a", "r1"));
        store.create(function("b", "r1"));
        store.delete("a");

        assertThat(store.count()).isEqualTo(1);
    }

    @Test
    void reportsEveryReferencedPackageOnce() {
        store.create(withCode(function("a", "r1"), "11"));
        store.create(withCode(function("b", "r1"), "11"));
        store.create(withCode(function("c", "r1"), "22"));
        store.create(withCode(function("d", "r1"), null));

        assertThat(store.referencedPackages()).containsExactlyInAnyOrder(hex("11"), hex("22"));
    }

    @Test
    void stopsReferencingPackageOfReplacedCode() {
        store.create(withCode(function("a", "r1"), "11"));

        store.replace(withCode(function("a", "r2"), "22"), "r1");

        assertThat(store.referencedPackages()).containsExactly(hex("22"));
    }

    @Test
    void referencesPackagesOfLayersToo() {
        FunctionRecord record = withCode(function("a", "r1"), "11");
        store.create(new FunctionRecord(record.configuration().toBuilder().layers(List.of(
                new FunctionLayer("arn:aws:lambda:us-east-1:000000000000:layer:one:1", new CodePackage(hex("33"), 5, 9)),
                new FunctionLayer("arn:aws:lambda:us-east-1:000000000000:layer:two:4", new CodePackage(hex("44"), 6, 7))))
                .build(), record.tags()));
        store.create(withCode(function("b", "r1"), "33"));

        assertThat(store.referencedPackages()).containsExactlyInAnyOrder(hex("11"), hex("33"), hex("44"));
        assertThat(store.find("a").orElseThrow().configuration().layers()).extracting(FunctionLayer::arn)
                .containsExactly("arn:aws:lambda:us-east-1:000000000000:layer:one:1",
                        "arn:aws:lambda:us-east-1:000000000000:layer:two:4");
        assertThat(store.find("a").orElseThrow().configuration().layers().get(1).code())
                .isEqualTo(new CodePackage(hex("44"), 6, 7));
    }

    @Test
    void theSameNameInTwoNamespacesIsTwoFunctions() {
        FunctionStore ireland = store.in(EU_WEST_1);
        FunctionStore otherAccount = store.in(OTHER_ACCOUNT);
        FunctionRecord here = withDescription(function("x", "r1"), "us-east-1");
        FunctionRecord there = withDescription(function("x", "r1"), "eu-west-1");

        assertThat(store.create(here)).isTrue();
        assertThat(ireland.create(there)).isTrue();
        assertThat(ireland.replace(withDescription(function("x", "r2"), "changed"), "r1"))
                .isEqualTo(ReplaceOutcome.REPLACED);

        assertThat(store.find("x")).contains(here);
        assertThat(ireland.find("x").orElseThrow().configuration().description()).isEqualTo("changed");
        assertThat(otherAccount.find("x")).isEmpty();
        assertThat(otherAccount.replace(function("x", "r3"), "r1")).isEqualTo(ReplaceOutcome.NOT_FOUND);
    }

    @Test
    void listCountAndDeleteStayInTheirNamespace() {
        FunctionStore ireland = store.in(EU_WEST_1);
        store.create(function("a", "r1"));
        store.create(function("b", "r1"));
        ireland.create(function("b", "r1"));
        ireland.create(function("c", "r1"));

        assertThat(ireland.delete("a")).isFalse();
        assertThat(ireland.delete("b")).isTrue();

        assertThat(store.list(null, 10).functions()).extracting(FunctionRecord::functionName).containsExactly("a", "b");
        assertThat(ireland.list(null, 10).functions()).extracting(FunctionRecord::functionName).containsExactly("c");
        assertThat(store.count()).isEqualTo(2);
        assertThat(ireland.count()).isEqualTo(1);
        assertThat(store.in(OTHER_ACCOUNT).count()).isZero();
        assertThat(store.namespaces()).containsExactlyInAnyOrder(NAMESPACE, EU_WEST_1);
    }

    @Test
    void referencedPackagesSeeEveryNamespace() {
        store.create(withCode(function("a", "r1"), "11"));
        store.in(EU_WEST_1).create(withCode(function("a", "r1"), "22"));
        store.in(OTHER_ACCOUNT).create(withCode(function("b", "r1"), "33"));

        assertThat(store.referencedPackages()).containsExactlyInAnyOrder(hex("11"), hex("22"), hex("33"));
        assertThat(store.in(EU_WEST_1).referencedPackages()).containsExactlyInAnyOrder(hex("11"), hex("22"), hex("33"));
    }

    @Test
    void aViewOfAnotherNamespaceKeepsItsDataAcrossReopen() {
        store.in(OTHER_ACCOUNT).create(function("kept", "r1"));

        FunctionStore reopened = reopen();

        assertThat(reopened.in(OTHER_ACCOUNT).find("kept")).isPresent();
        assertThat(reopened.find("kept")).isEmpty();
    }

    @Test
    void roundTripsTags() {
        Map<String, String> tags = Map.of("team", "pay", "empty", "", "ünïcode", "✓ \"quoted\"");
        FunctionRecord record = new FunctionRecord(function("hello", "r1").configuration(), tags);
        store.create(record);

        assertThat(store.find("hello").orElseThrow().tags()).isEqualTo(tags);
    }

    @Test
    void roundTripsEveryConfigurationField() {
        FunctionConfiguration full = FunctionConfiguration.builder()
                .functionName("full")
                .version("$LATEST")
                .runtime("python3.13")
                .role("arn:aws:iam::000000000000:role/lambda")
                .handler("app.handler")
                .description("all the fields, \"quoted\" and ünïcode ✓")
                .timeout(900)
                .memorySize(10240)
                .ephemeralStorageSize(10240)
                .environment(Map.of("A", "1", "EMPTY", "", "JSON", "{\"k\":[1,2]}"))
                .architectures(List.of("arm64"))
                .code(new CodePackage(hex("ab"), 1234, 56789))
                .lastModified(Instant.parse("2024-01-31T12:34:56.123456789Z"))
                .revisionId("9b2c1c3e-0000-4000-8000-000000000001")
                .state(FunctionState.Failed)
                .stateReason("reason")
                .stateReasonCode("InvalidZipFileException")
                .lastUpdateStatus(LastUpdateStatus.InProgress)
                .lastUpdateStatusReason("update reason")
                .lastUpdateStatusReasonCode("Creating")
                .tracingMode("Active")
                .logFormat("JSON")
                .logGroup("/aws/lambda/full")
                .applicationLogLevel("DEBUG")
                .systemLogLevel("WARN")
                .deadLetterTargetArn("arn:aws:sqs:us-east-1:000000000000:dlq")
                .build();
        store.create(new FunctionRecord(full, Map.of()));

        assertThat(store.find("full").orElseThrow().configuration()).isEqualTo(full);
        assertThat(reopen().find("full").orElseThrow().configuration()).isEqualTo(full);
    }

    @Test
    void roundTripsAbsentOptionalFields() {
        FunctionConfiguration sparse = FunctionConfiguration.builder()
                .functionName("sparse")
                .revisionId("r1")
                .description(null)
                .state(null)
                .tracingMode(null)
                .logFormat(null)
                .environment(Map.of())
                .architectures(List.of())
                .build();
        store.create(new FunctionRecord(sparse, Map.of()));

        assertThat(store.find("sparse").orElseThrow().configuration()).isEqualTo(sparse);
    }

    @Test
    void keepsDataAcrossCloseAndReopen() {
        FunctionRecord kept = withCode(function("kept", "r1"), "11");
        store.create(kept);
        store.create(function("deleted", "r1"));
        store.delete("deleted");
        FunctionRecord replaced = function("replaced", "r2");
        store.create(function("replaced", "r1"));
        store.replace(replaced, "r1");

        FunctionStore reopened = reopen();

        assertThat(reopened.find("kept")).contains(kept);
        assertThat(reopened.find("replaced")).contains(replaced);
        assertThat(reopened.find("deleted")).isEmpty();
        assertThat(reopened.count()).isEqualTo(2);
        assertThat(reopened.referencedPackages()).containsExactly(hex("11"));
    }

    protected static FunctionRecord function(String name, String revisionId) {
        return new FunctionRecord(FunctionConfiguration.builder()
                .functionName(name)
                .runtime("nodejs22.x")
                .role("arn:aws:iam::000000000000:role/lambda")
                .handler("index.handler")
                .lastModified(Instant.parse("2024-01-31T12:00:00Z"))
                .revisionId(revisionId)
                .build(), Map.of("owner", name));
    }

    private static FunctionRecord withDescription(FunctionRecord record, String description) {
        return new FunctionRecord(record.configuration().toBuilder().description(description).build(), record.tags());
    }

    private static FunctionRecord withCode(FunctionRecord record, String hexByte) {
        CodePackage code = hexByte == null ? null : new CodePackage(hex(hexByte), 10, 20);
        return new FunctionRecord(record.configuration().toBuilder().code(code).build(), record.tags());
    }

    /** A valid-looking SHA-256 made of one repeated byte. */
    protected static String hex(String hexByte) {
        return hexByte.repeat(32);
    }

    private static List<String> names(FunctionPage page) {
        return page.functions().stream().map(FunctionRecord::functionName).toList();
    }

    private static List<String> expectedNames(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> String.format("fn-%02d", i)).toList();
    }
}
