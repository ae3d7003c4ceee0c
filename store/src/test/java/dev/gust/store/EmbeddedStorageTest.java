package dev.gust.store;

import static dev.gust.store.TestZips.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.CodePackage;
import java.nio.file.Path;
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
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, ZipLimits.LAMBDA, clock)) {
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
        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, ZipLimits.LAMBDA, clock)) {
            referenced = storage.code().store(zip().file("used.txt", "1").build());
            orphan = storage.code().store(zip().file("orphan.txt", "2").build());
            FunctionRecord function = FunctionStoreContract.function("fn", "r1");
            storage.functions().create(new FunctionRecord(
                    function.configuration().toBuilder().code(referenced).build(), Map.of()));
        }

        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, ZipLimits.LAMBDA, clock)) {
            assertThat(storage.code().zipFile(referenced.sha256Hex())).exists();
            assertThat(storage.code().zipFile(orphan.sha256Hex())).doesNotExist();
            assertThat(storage.code().taskRoot(orphan.sha256Hex())).doesNotExist();
        }
    }
}
