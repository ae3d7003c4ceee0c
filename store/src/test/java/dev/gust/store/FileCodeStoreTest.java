package dev.gust.store;

import static dev.gust.store.TestZips.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.CodePackage;
import dev.gust.core.LambdaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileCodeStoreTest {

    private static final Duration GRACE = Duration.ofMinutes(15);

    @TempDir
    Path dataDir;

    private final TestClock clock = new TestClock();
    private Path codeDir;
    private FileCodeStore store;

    @BeforeEach
    void openStore() {
        codeDir = dataDir.resolve("code");
        store = open();
    }

    @AfterEach
    void deleteReadOnlyTrees() {
        FileTrees.delete(codeDir);
    }

    private FileCodeStore open() {
        return new FileCodeStore(codeDir, ZipLimits.LAMBDA, clock, GRACE);
    }

    @Test
    void storesZipAndReadOnlyTree() throws Exception {
        byte[] zip = zip().executable("bootstrap", "#!/bin/sh\n").file("lib/handler.sh", "echo hi\n").build();

        CodePackage stored = store.store(zip);

        assertThat(stored).isEqualTo(new CodePackage(sha256Hex(zip), zip.length, 10 + 8));
        Path tree = store.taskRoot(stored.sha256Hex());
        assertThat(Files.readAllBytes(store.zipFile(stored.sha256Hex()))).isEqualTo(zip);
        assertThat(tree.resolve("lib/handler.sh")).hasContent("echo hi\n");
        assertThat(mode(store.zipFile(stored.sha256Hex()))).isEqualTo("r--r--r--");
        assertThat(mode(tree)).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("lib"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("bootstrap"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(tree.resolve("lib/handler.sh"))).isEqualTo("r--r--r--");
        assertThat(codeDir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void returnsSamePackageWhenStoringSameBytesAgain() {
        byte[] zip = zip().file("a.txt", "abc").symlink("b.txt", "a.txt").build();
        CodePackage first = store.store(zip);

        CodePackage second = store.store(zip);

        assertThat(second).isEqualTo(first);
        assertThat(children(codeDir)).containsExactlyInAnyOrder("tmp", first.sha256Hex(), first.sha256Hex() + ".zip");
    }

    @Test
    void makesOnePackageOfConcurrentStoresOfSameBytes() throws Exception {
        byte[] zip = zip().file("a.txt", "abc").build();
        List<Callable<CodePackage>> stores = IntStream.range(0, 8)
                .<Callable<CodePackage>>mapToObj(i -> () -> store.store(zip)).toList();

        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            for (Future<CodePackage> stored : executor.invokeAll(stores)) {
                assertThat(stored.get().sha256Hex()).isEqualTo(sha256Hex(zip));
            }
        }

        assertThat(children(codeDir)).containsExactlyInAnyOrder("tmp", sha256Hex(zip), sha256Hex(zip) + ".zip");
        assertThat(codeDir.resolve("tmp")).isEmptyDirectory();
    }

    static Stream<Named<byte[]>> hostileZips() {
        return Stream.of(
                Named.of("entry climbing out", zip().file("ok.txt", "x").file("../../../escaped.txt", "x").build()),
                Named.of("absolute entry", zip().file("/tmp/escaped.txt", "x").build()),
                Named.of("symlink out", zip().file("ok.txt", "x").symlink("l", "../../../../etc/passwd").build()),
                Named.of("symlink chain out", zip().directory("c").directory("d/e").symlink("d/e/l", "../../c")
                        .symlink("escape", "d/e/l/../../..").build()),
                Named.of("ratio bomb", zip().file("ok.txt", "x").zeros("bomb.bin", 50L << 20).build()),
                Named.of("oversized", zip().zeros("big.bin", 300L << 20).build()),
                Named.of("not a zip", "garbage".getBytes()),
                Named.of("empty bytes", new byte[0]));
    }

    @ParameterizedTest
    @MethodSource("hostileZips")
    void leavesNothingBehindWhenRejectingZip(byte[] zip) throws IOException {
        assertThatThrownBy(() -> store.store(zip)).isInstanceOf(LambdaException.class);

        try (Stream<Path> all = Files.walk(dataDir)) {
            assertThat(all).containsExactlyInAnyOrder(dataDir, codeDir, codeDir.resolve("tmp"));
        }
        assertThat(store.totalCodeSize()).isZero();
    }

    @Test
    void deletesUnreferencedPackagesOnceTheirGraceIsOver() {
        CodePackage live = store.store(zip().file("live.txt", "1").build());
        CodePackage orphan = store.store(zip().file("orphan.txt", "2").build());
        clock.advance(GRACE.plusSeconds(1));

        store.retainOnly(Set.of(live.sha256Hex()));

        assertThat(store.zipFile(live.sha256Hex())).exists();
        assertThat(store.zipFile(orphan.sha256Hex())).doesNotExist();
        assertThat(store.taskRoot(orphan.sha256Hex())).doesNotExist();
        assertThat(codeDir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void sparesPackageStoredWithinGraceForItsMetadataToBeWritten() {
        CodePackage fresh = store.store(zip().file("fresh.txt", "1").build());

        store.retainOnly(Set.of());

        assertThat(store.taskRoot(fresh.sha256Hex())).isDirectory();
    }

    @Test
    void restartsGraceWhenSameBytesAreStoredAgain() {
        byte[] zip = zip().file("again.txt", "1").build();
        CodePackage stored = store.store(zip);
        clock.advance(GRACE.minusSeconds(1));
        store.store(zip);
        clock.advance(Duration.ofSeconds(2));

        store.retainOnly(Set.of());

        assertThat(store.zipFile(stored.sha256Hex())).exists();
    }

    @Test
    void mergesLayersInOrderWithLaterFilesReplacingEarlierOnes() throws Exception {
        CodePackage first = store.store(zip().file("python/shared.py", "first").file("python/only_first.py", "1")
                .file("bin/tool", "first tool").symlink("python/alias.py", "only_first.py")
                .file("conflict/inside.txt", "a directory in the first").build());
        CodePackage second = store.store(zip().file("python/shared.py", "second").executable("bin/extra", "#!/bin/sh\n")
                .file("conflict", "a file in the second").file("python/alias.py", "no longer a link").build());

        Path opt = store.optRoot(List.of(first.sha256Hex(), second.sha256Hex()));

        assertThat(opt.resolve("python/shared.py")).hasContent("second");
        assertThat(opt.resolve("python/only_first.py")).hasContent("1");
        assertThat(opt.resolve("bin/tool")).hasContent("first tool");
        assertThat(opt.resolve("conflict")).isRegularFile().hasContent("a file in the second");
        assertThat(opt.resolve("python/alias.py")).isRegularFile().hasContent("no longer a link");
        assertThat(Files.isExecutable(opt.resolve("bin/extra"))).isTrue();
        assertThat(mode(opt)).isEqualTo("r-xr-xr-x");
        assertThat(mode(opt.resolve("python"))).isEqualTo("r-xr-xr-x");
        assertThat(Files.isSameFile(opt.resolve("bin/tool"), store.taskRoot(first.sha256Hex()).resolve("bin/tool")))
                .as("hard link, no copy").isTrue();
        Path reversed = store.optRoot(List.of(second.sha256Hex(), first.sha256Hex()));
        assertThat(reversed.resolve("python/shared.py")).hasContent("first");
        assertThat(reversed.resolve("conflict/inside.txt")).hasContent("a directory in the first");
        assertThat(Files.isSymbolicLink(reversed.resolve("python/alias.py"))).isTrue();
        assertThat(store.optRoot(List.of(first.sha256Hex(), second.sha256Hex()))).isEqualTo(opt);
    }

    @Test
    void usesASingleLayersOwnTreeAndDropsMergesOfCollectedPackages() {
        CodePackage kept = store.store(zip().file("python/a.py", "a").build());
        CodePackage dropped = store.store(zip().file("python/b.py", "b").build());
        Path merged = store.optRoot(List.of(kept.sha256Hex(), dropped.sha256Hex()));
        clock.advance(GRACE.plusSeconds(1));

        assertThat(store.optRoot(List.of(kept.sha256Hex()))).isEqualTo(store.taskRoot(kept.sha256Hex()));
        store.retainOnly(Set.of(kept.sha256Hex()));

        assertThat(merged).doesNotExist();
        assertThat(codeDir.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void forgetsMergedLayersWhenReopened() {
        CodePackage a = store.store(zip().file("a.txt", "a").build());
        CodePackage b = store.store(zip().file("b.txt", "b").build());
        Path merged = store.optRoot(List.of(a.sha256Hex(), b.sha256Hex()));

        store = open();

        assertThat(merged).doesNotExist();
        assertThat(store.optRoot(List.of(a.sha256Hex(), b.sha256Hex())).resolve("b.txt")).hasContent("b");
    }

    @Test
    void sumsZipSizesOfAllPackages() {
        byte[] one = zip().file("one.txt", "1").build();
        byte[] two = zip().file("two.txt", "22").build();
        store.store(one);
        store.store(two);
        store.store(one);

        assertThat(store.totalCodeSize()).isEqualTo(one.length + two.length);
    }

    @Test
    void clearsWhatAKilledWriteLeftBehindOnOpen() throws IOException {
        CodePackage committed = store.store(zip().file("kept.txt", "1").build());
        Path staged = Files.createDirectories(codeDir.resolve("tmp/store-123/task/sub"));
        Files.writeString(staged.resolve("half.txt"), "half");
        readOnly(staged.resolve("half.txt"), staged, staged.getParent());
        Path uncommitted = Files.createDirectories(codeDir.resolve("ab".repeat(32)).resolve("sub"));
        readOnly(uncommitted, uncommitted.getParent());

        FileCodeStore reopened = open();

        assertThat(children(codeDir)).containsExactlyInAnyOrder("tmp", committed.sha256Hex(),
                committed.sha256Hex() + ".zip");
        assertThat(codeDir.resolve("tmp")).isEmptyDirectory();
        assertThat(reopened.taskRoot(committed.sha256Hex()).resolve("kept.txt")).hasContent("1");
    }

    @Test
    void refusesPathsForMalformedHashes() {
        assertThatThrownBy(() -> store.zipFile("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.taskRoot("AB".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    }

    private static void readOnly(Path... paths) throws IOException {
        for (Path path : paths) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
        }
    }

    private static List<String> children(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
