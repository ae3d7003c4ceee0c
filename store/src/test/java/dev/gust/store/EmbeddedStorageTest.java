package dev.gust.store;

import static dev.gust.store.TestZips.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import dev.gust.core.CodePackage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStorageTest {

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock();

    @AfterEach
    void deleteReadOnlyTrees() {
        FileTrees.delete(dataDir.resolve("code"));
    }

    @Test
    void laysOutDatabaseAndCodeInDataDirectory() {
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            CodePackage code = storage.code().store(zip().file("a.txt", "a").build());

            assertThat(dataDir.resolve("gust.db")).isRegularFile();
            assertThat(dataDir.resolve("code").resolve(code.sha256Hex() + ".zip")).isRegularFile();
            assertThat(dataDir.resolve("code").resolve(code.sha256Hex())).isDirectory();
        }
    }

    @Test
    void deletesPackagesThatNoFunctionReferencesOnOpen() {
        CodePackage referenced;
        CodePackage orphan;
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            referenced = storage.code().store(zip().file("used.txt", "1").build());
            orphan = storage.code().store(zip().file("orphan.txt", "2").build());
            FunctionRecord function = FunctionStoreContract.function("fn", "r1");
            storage.functions().create(new FunctionRecord(
                    function.configuration().toBuilder().code(referenced).build(), Map.of()));
        }

        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            assertThat(storage.code().zipFile(referenced.sha256Hex())).exists();
            assertThat(storage.code().zipFile(orphan.sha256Hex())).doesNotExist();
            assertThat(storage.code().taskRoot(orphan.sha256Hex())).doesNotExist();
        }
    }

    @Test
    void keepsPackagesThatOnlyAnotherNamespaceReferences() {
        Account ireland = new Account("111122223333", "eu-west-1");
        CodePackage function;
        CodePackage layer;
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            function = storage.code().store(zip().file("irish.txt", "1").build());
            layer = storage.code().store(zip().file("layer.txt", "2").build());
            FunctionRecord record = FunctionStoreContract.function("fn", "r1");
            storage.functions().in(ireland).create(new FunctionRecord(
                    record.configuration().toBuilder().code(function).build(), Map.of()));
            storage.layers().in(ireland).publish(new LayerStore.Draft("deps", "", List.of(), List.of("x86_64"),
                    null, layer, clock.instant()));
        }

        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            assertThat(storage.code().zipFile(function.sha256Hex())).exists();
            assertThat(storage.code().zipFile(layer.sha256Hex())).exists();
            assertThat(storage.functions().find("fn")).isEmpty();
        }
    }

    @Test
    void keepsEventsAndEventInvokeConfigsInTheDatabase() {
        QueuedEvent event = QueuedEvent.accepted("8e8f5b3a-0000-4000-8000-000000000001", "fn", null,
                "{}".getBytes(StandardCharsets.UTF_8), clock.instant());
        EventInvokeConfig config = new EventInvokeConfig("fn", "$LATEST", 1, 60, DestinationConfig.NONE,
                clock.instant());
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            storage.events().enqueue(event).toCompletableFuture().join();
            storage.eventInvokeConfigs().put(config);
        }

        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            assertThat(storage.events().depths().toCompletableFuture().join())
                    .containsExactly(new QueueDepth("fn", 1, event.enqueuedAt()));
            assertThat(storage.eventInvokeConfigs().find("fn", "$LATEST")).contains(config);
        }
    }

    /** One server per data dir: every lease found at open belongs to a server that is gone. */
    @Test
    void releasesLeasesOfThePreviousServerOnOpen() {
        Instant now = clock.instant();
        QueuedEvent event = QueuedEvent.accepted("8e8f5b3a-0000-4000-8000-000000000002", "fn", null, new byte[0], now);
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            storage.events().enqueue(event).toCompletableFuture().join();
            storage.events().claim(ClaimRequest.of("crashed-node", now, now.plus(Duration.ofHours(1)), 1, 1))
                    .toCompletableFuture().join();
        }

        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults(), ZipLimits.LAMBDA, clock)) {
            assertThat(storage.events().claim(ClaimRequest.of("new-node", now, now.plusSeconds(60), 1, 1))
                    .toCompletableFuture().join()).containsExactly(event);
        }
    }
}
