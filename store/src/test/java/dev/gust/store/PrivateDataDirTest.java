package dev.gust.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gust.core.Account;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDataDirTest {

    @TempDir
    Path base;

    @Test
    void createsTheDataDirAndItsDatabasePrivate() throws IOException {
        Path dataDir = base.resolve("new/data");

        PrivateDataDir.prepare(dataDir);

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(base.resolve("new"))).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("gust.db"))).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("logs"))).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("keys"))).isEqualTo("rwx------");
    }

    @Test
    void storageCreatesEveryFileAndFolderPrivateWalAndShmIncluded() throws IOException {
        Path dataDir = base.resolve("data");
        PrivateDataDir.prepare(dataDir);

        try (EmbeddedStorage storage = EmbeddedStorage.open(dataDir, Account.defaults())) {
            storage.functions().count();
            List<Path> database = List.of(dataDir.resolve("gust.db"), dataDir.resolve("gust.db-wal"),
                    dataDir.resolve("gust.db-shm"));
            assertThat(database).allSatisfy(file -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
            assertThat(mode(dataDir.resolve("code"))).isEqualTo("rwx------");
        }
    }

    @Test
    void narrowsTheModesAnOlderServerLeftExceptTheBootstraps() throws IOException {
        Path dataDir = Files.createDirectories(base.resolve("old"));
        Path db = Files.writeString(dataDir.resolve("gust.db"), "");
        Path log = Files.createDirectories(dataDir.resolve("logs/000000000000/us-east-1/f")).resolve("stream.log");
        Files.writeString(log, "START\n");
        Path code = Files.createDirectories(dataDir.resolve("code/packages/abc"));
        Path runtime = Files.createDirectories(dataDir.resolve("runtime"));
        for (Path path : List.of(dataDir, db, log, log.getParent(), dataDir.resolve("code"), code, runtime)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }

        PrivateDataDir.prepare(dataDir);

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(db)).isEqualTo("rw-------");
        try (Stream<Path> logs = Files.walk(dataDir.resolve("logs"))) {
            assertThat(logs.toList()).allSatisfy(p -> assertThat(mode(p)).as(p.toString())
                    .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------"));
        }
        assertThat(mode(dataDir.resolve("code"))).isEqualTo("rwx------");
        assertThat(mode(code)).as("a package stays readable by the instances' uids").isEqualTo("rwxr-xr-x");
        assertThat(mode(runtime)).as("the bootstraps stay readable by the instances' uids").isEqualTo("rwxr-xr-x");
    }

    @Test
    void leavesAFolderOfOtherThingsAndItsEntriesAsTheyAre() throws IOException {
        Path shared = Files.createDirectories(base.resolve("shared"));
        Path other = Files.writeString(shared.resolve("notes.txt"), "mine");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-r--r--"));

        PrivateDataDir.prepare(shared);

        assertThat(mode(shared)).isEqualTo("rwxrwxr-x");
        assertThat(mode(other)).isEqualTo("rw-r--r--");
        assertThat(mode(shared.resolve("gust.db"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
