package dev.gust.store;

import static dev.gust.store.TestZips.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gust.core.LambdaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipPackageReaderTest {

    private static final String CORRUPT =
            "Could not unzip uploaded file. Please check your file, then try to upload again.";

    @TempDir
    Path base;

    private Path target;
    private final ZipPackageReader reader = new ZipPackageReader(ZipLimits.LAMBDA);

    @BeforeEach
    void placeTargetDeepInsideBase() {
        target = base.resolve("a/b/task");
    }

    @AfterEach
    void nothingWasWrittenOutsideTarget() throws IOException {
        List<Path> outside;
        try (Stream<Path> all = Files.walk(base)) {
            outside = all.filter(p -> !p.startsWith(target))
                    .filter(p -> !List.of(base, base.resolve("a"), base.resolve("a/b")).contains(p))
                    .toList();
        }
        assertThat(outside).isEmpty();
        FileTrees.delete(base.resolve("a")); // read-only files would otherwise trouble @TempDir cleanup
    }

    @Test
    void unpacksNestedDirectoriesAndKeepsExecBit() throws IOException {
        byte[] zip = zip().executable("bootstrap", "#!/bin/sh\n").directory("lib")
                .file("lib/deep/nested/a.txt", "hello").file("b.txt", "world!").build();

        long unzipped = reader.extract(zip, target);

        assertThat(unzipped).isEqualTo(10 + 5 + 6);
        assertThat(Files.readString(target.resolve("lib/deep/nested/a.txt"))).isEqualTo("hello");
        assertThat(mode(target.resolve("bootstrap"))).isEqualTo("r-xr-xr-x");
        assertThat(mode(target.resolve("b.txt"))).isEqualTo("r--r--r--");
        assertThat(mode(target.resolve("lib/deep/nested/a.txt"))).isEqualTo("r--r--r--");
    }

    @Test
    void makesFilesWithoutUnixModeReadOnly() throws IOException {
        reader.extract(windowsZip("index.js", "exports.handler = async () => 1;"), target);

        assertThat(mode(target.resolve("index.js"))).isEqualTo("r--r--r--");
    }

    @Test
    void keepsDotDotThatStaysInside() throws IOException {
        reader.extract(zip().file("lib/../inside.txt", "x").build(), target);

        assertThat(target.resolve("inside.txt")).hasContent("x");
    }

    @Test
    void keepsSymlinkChainInsidePackage() throws IOException {
        byte[] zip = zip().file("real/file.txt", "data").symlink("first", "second").symlink("second", "real/file.txt")
                .symlink("lib/up", "../real").build();

        reader.extract(zip, target);

        assertThat(Files.readSymbolicLink(target.resolve("first"))).isEqualTo(Path.of("second"));
        assertThat(target.resolve("first")).hasContent("data");
        assertThat(target.resolve("lib/up/file.txt")).hasContent("data");
    }

    @Test
    void rejectsEntryClimbingOutOfRoot() {
        assertRejected(zip().file("../escaped.txt", "x").build()).hasMessageContaining("'../escaped.txt'")
                .hasMessageContaining("points outside the package");
    }

    @Test
    void rejectsEntryClimbingOutThroughSubdirectory() {
        assertRejected(zip().file("x/../../../escaped.txt", "x").build())
                .hasMessageContaining("points outside the package");
    }

    @Test
    void rejectsAbsolutePath() {
        assertRejected(zip().file("/tmp/escaped.txt", "x").build()).hasMessageContaining("is an absolute path");
    }

    @Test
    void rejectsDriveLetter() {
        assertRejected(zip().file("C:/escaped.txt", "x").build()).hasMessageContaining("is an absolute path");
    }

    @Test
    void rejectsBackslashesInUnixEntryNames() {
        byte[] zip = TestZips.replacing(zip().file("..|..|escaped.txt", "x").build(), '|', '\\');

        assertRejected(zip).hasMessageContaining("'..\\..\\escaped.txt' contains a backslash");
    }

    /** Zips written on Windows (no unix mode) may use backslashes as separators; they are read as such. */
    @Test
    void readsBackslashesOfWindowsZipsAsSeparators() throws IOException {
        reader.extract(windowsZip("lib\\a.txt", "a"), target);

        assertThat(target.resolve("lib/a.txt")).hasContent("a");
    }

    @Test
    void rejectsBackslashClimbOfWindowsZips() throws IOException {
        assertRejected(windowsZip("..\\..\\escaped.txt", "x"))
                .hasMessageContaining("points outside the package");
    }

    @Test
    void rejectsSymlinkPointingOutside() {
        assertRejected(zip().symlink("passwd", "../../../../../../../../../../etc/passwd").build())
                .hasMessageContaining("'passwd' is a symbolic link that points outside the package");
    }

    @Test
    void rejectsSymlinkWithAbsoluteTarget() {
        assertRejected(zip().symlink("passwd", "/etc/passwd").build())
                .hasMessageContaining("points outside the package");
    }

    /** Each target looks inside on its own, but {@code ..} after {@code deep/l} climbs from where it points. */
    @Test
    void rejectsSymlinkChainThatEscapes() {
        byte[] zip = zip().directory("c").directory("deep/er").symlink("deep/er/l", "../../c")
                .symlink("escape", "deep/er/l/../../..").build();

        assertRejected(zip).hasMessageContaining("'escape' is a symbolic link that points outside the package");
    }

    @Test
    void rejectsSymlinkLoop() {
        assertRejected(zip().symlink("ping", "pong").symlink("pong", "ping").build())
                .hasMessageContaining("cannot be resolved");
    }

    @Test
    void rejectsSymlinkToMissingFile() {
        assertRejected(zip().symlink("dangling", "nowhere").build()).hasMessageContaining("missing file");
    }

    /** A file below a link's path would be written through the link; the collision is caught instead. */
    @Test
    void rejectsFileBelowSymlink() {
        assertRejected(zip().directory("d").symlink("l", "d").file("l/f.txt", "x").build())
                .hasMessageContaining("'l' collides with another entry");
    }

    @Test
    void rejectsDuplicateEntry() {
        assertRejected(zip().file("a.txt", "1").file("a.txt", "2").build())
                .hasMessageContaining("'a.txt' collides with another entry");
    }

    @Test
    void rejectsZerosDeclaredBeyondQuotaWithAwsMessage() {
        assertRejected(zip().zeros("bomb.bin", 300L << 20).build())
                .hasMessage("Unzipped size must be smaller than 262144000 bytes");
    }

    @Test
    void rejectsEntryInflatingBeyondRatioLimit() {
        assertRejected(zip().zeros("bomb.bin", 100L << 20).build())
                .hasMessage("Zip entry 'bomb.bin' has a compression ratio above 1000:1.");
    }

    @Test
    void countsWrittenBytesWhenCentralDirectoryLiesAboutSizes() {
        ZipLimits small = new ZipLimits(10L << 20, 100, 1000, 1L << 20);
        byte[] zip = TestZips.lyingAboutSizes(zip().random("one.bin", 6L << 20).random("two.bin", 6L << 20).build());

        assertThatThrownBy(() -> new ZipPackageReader(small).extract(zip, target))
                .isInstanceOf(LambdaException.class)
                .hasMessage("Unzipped size must be smaller than 10485760 bytes");
    }

    @Test
    void rejectsTooManyEntries() {
        TestZips zip = zip();
        for (int i = 0; i <= 20_000; i++) {
            zip.file("f" + i, "");
        }

        assertRejected(zip.build()).hasMessage("Zip file must have at most 20000 entries");
    }

    @Test
    void boundsEntriesBeforeParsingCentralDirectory() {
        ZipLimits tiny = new ZipLimits(1L << 20, 2, 1000, 1L << 20);
        byte[] zip = zip().storedFile("signatures.bin", "PK\u0001\u0002".repeat(30)).build();

        assertThatThrownBy(() -> new ZipPackageReader(tiny).extract(zip, target))
                .hasMessage("Zip file must have at most 2 entries");
    }

    @Test
    void rejectsBytesThatAreNoZip() {
        assertRejected("this is not a zip file at all".getBytes()).hasMessage(CORRUPT);
    }

    @Test
    void rejectsEmptyBytes() {
        assertRejected(new byte[0]).hasMessage(CORRUPT);
    }

    @Test
    void rejectsTruncatedZip() {
        byte[] zip = zip().random("data.bin", 100_000).file("b.txt", "x").build();

        assertRejected(Arrays.copyOf(zip, zip.length / 2)).hasMessage(CORRUPT);
    }

    @Test
    void rejectsZipWithCorruptCompressedData() {
        byte[] zip = zip().random("data.bin", 100_000).build();
        for (int i = 100; i < 50_000; i++) {
            zip[i] = (byte) 0xff;
        }

        assertRejected(zip).hasMessage(CORRUPT);
    }

    @Test
    void rejectsDeflatedEntryWhoseCrcIsWrong() {
        byte[] zip = TestZips.withWrongCrc(zip().file("lambda_function.py", "def handler(e, c):\n    return 1\n")
                .build());

        assertRejected(zip).hasMessage(CORRUPT);
    }

    @Test
    void rejectsStoredEntryWhoseCrcIsWrong() {
        byte[] zip = TestZips.withWrongCrc(zip().storedFile("data.txt", "stored, not deflated").build());

        assertRejected(zip).hasMessage(CORRUPT);
    }

    @Test
    void rejectsPathTooLongForTheFileSystemWithoutNamingTheHostPath() {
        String deep = "d/".repeat(2100) + "f.txt";
        byte[] zip = zip().file(deep, "deep").build();

        assertRejected(zip).hasMessage(CORRUPT)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(base.toString()));
    }

    @Test
    void rejectsDirectoryTooLongForTheFileSystem() {
        byte[] zip = zip().directory("e/".repeat(2100)).build();

        assertRejected(zip).hasMessage(CORRUPT);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] zip) {
        return assertThatThrownBy(() -> reader.extract(zip, target))
                .isInstanceOfSatisfying(LambdaException.class,
                        e -> assertThat(e.errorType()).isEqualTo("InvalidParameterValueException"));
    }

    /** A one-file zip as java.util.zip writes it: made by MS-DOS, no unix mode. */
    private static byte[] windowsZip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
