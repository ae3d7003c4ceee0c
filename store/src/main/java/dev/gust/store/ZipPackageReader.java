package dev.gust.store;

import dev.gust.core.LambdaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Validates a deployment package (a zip from an untrusted caller) and unpacks it into a new directory.
 *
 * <p>The archive is read through its central directory, as {@code unzip} does. Rejected with
 * {@code InvalidParameterValueException}: archives that do not parse, use a method other than stored or
 * deflated, are encrypted, hold an entry whose data does not match its CRC-32, or a path too long for the file
 * system (AWS's "Could not unzip" message); more than {@link ZipLimits#maxEntries()}
 * entries; more than {@link ZipLimits#maxUnzippedBytes()} in total, counted as bytes are written (AWS's
 * "Unzipped size" message); an entry inflating beyond {@link ZipLimits#maxCompressionRatio()}; unsafe names
 * (see {@link ZipEntryNames}); two entries for one path; symbolic links that leave the package (see
 * {@link PackageLinks}).
 *
 * <p>Regular files are created {@code 0555} when their unix mode has any execute bit, {@code 0444} otherwise;
 * other unix file types are unpacked as regular files; ownership, set-id bits and timestamps are dropped.
 * Directories are left writable (the caller seals them). Nothing is written outside the target directory. A
 * rejected or failed extraction leaves the target partly written: the caller deletes it. Thread-safe.
 */
public final class ZipPackageReader {

    /** AWS's message for an archive it cannot unzip. */
    public static final String CORRUPT_MESSAGE =
            "Could not unzip uploaded file. Please check your file, then try to upload again.";

    private static final Set<PosixFilePermission> READ_ONLY = PosixFilePermissions.fromString("r--r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("r-xr-xr-x");
    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);

    private final ZipLimits limits;

    public ZipPackageReader(ZipLimits limits) {
        this.limits = limits;
    }

    /**
     * Unpacks {@code zip} into {@code target}, which must not exist yet.
     *
     * @return the number of bytes written to regular files
     * @throws LambdaException InvalidParameterValueException when the zip is rejected
     * @throws StoreException when the file system fails
     */
    public long extract(byte[] zip, Path target) {
        Path root = target.toAbsolutePath().normalize();
        // commons-compress holds the whole central directory in memory; bound it before parsing (see below).
        if (centralHeaderSignatures(zip) > 10L * limits.maxEntries()) {
            throw tooManyEntries();
        }
        try (ZipFile zipFile = open(zip)) {
            List<ZipArchiveEntry> entries = checkedEntries(zipFile);
            FileSystemCalls.createDirectories(root, "");
            PackageLinks links = new PackageLinks(root);
            long total = 0;
            for (ZipArchiveEntry entry : entries) {
                Path path = ZipEntryNames.resolve(root, entry.getName());
                if (entry.isUnixSymlink()) {
                    links.add(entry.getName(), path, linkTarget(zipFile, entry));
                } else if (entry.isDirectory()) {
                    FileSystemCalls.createDirectories(path, entry.getName());
                } else if (path.equals(root)) {
                    throw FileSystemCalls.conflict(entry.getName());
                } else {
                    FileSystemCalls.createDirectories(path.getParent(), entry.getName());
                    total += writeFile(zipFile, entry, path, total);
                }
            }
            links.create();
            return total;
        } catch (IOException e) {
            throw new StoreException("Cannot close the zip", e);
        }
    }

    private static ZipFile open(byte[] zip) {
        try {
            return ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get();
        } catch (IOException | RuntimeException e) {
            throw corrupt();
        }
    }

    private List<ZipArchiveEntry> checkedEntries(ZipFile zipFile) {
        List<ZipArchiveEntry> entries = new ArrayList<>(Collections.list(zipFile.getEntries()));
        if (entries.size() > limits.maxEntries()) {
            throw tooManyEntries();
        }
        long declared = 0;
        for (ZipArchiveEntry entry : entries) {
            boolean supported = entry.getMethod() == ZipArchiveEntry.STORED
                    || entry.getMethod() == ZipArchiveEntry.DEFLATED;
            if (!supported || !zipFile.canReadEntryData(entry)) {
                throw corrupt();
            }
            // Declared sizes may lie, so they can only reject early; writeFile counts what is really written.
            declared += Math.max(0, entry.getSize());
            if (declared > limits.maxUnzippedBytes()) {
                throw tooLarge();
            }
        }
        return entries;
    }

    private long writeFile(ZipFile zipFile, ZipArchiveEntry entry, Path path, long writtenBefore) {
        boolean executable = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX
                && (entry.getUnixMode() & 0111) != 0;
        try (InputStream in = entryStream(zipFile, entry);
                FileChannel out = FileChannel.open(path, CREATE_NEW,
                        PosixFilePermissions.asFileAttribute(executable ? EXECUTABLE : READ_ONLY))) {
            byte[] buffer = new byte[64 * 1024];
            CRC32 crc = new CRC32();
            long written = 0;
            for (int n = read(in, buffer); n > 0; n = read(in, buffer)) {
                crc.update(buffer, 0, n);
                written += n;
                if (writtenBefore + written > limits.maxUnzippedBytes()) {
                    throw tooLarge();
                }
                if (written > limits.ratioCheckedAbove()
                        && written > entry.getCompressedSize() * limits.maxCompressionRatio()) {
                    throw ZipEntryNames.invalid(entry.getName(),
                            "has a compression ratio above " + limits.maxCompressionRatio() + ":1");
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            // unzip -t's check, and AWS's: commons-compress does not compare the data with its CRC-32.
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw corrupt();
            }
            return written;
        } catch (FileAlreadyExistsException e) {
            throw FileSystemCalls.conflict(entry.getName());
        } catch (FileSystemException e) {
            throw FileSystemCalls.rejectedName(e, path);
        } catch (IOException e) {
            throw new StoreException("Cannot write " + path, e);
        }
    }

    private static String linkTarget(ZipFile zipFile, ZipArchiveEntry entry) {
        try (InputStream in = entryStream(zipFile, entry)) {
            byte[] target = in.readNBytes(PackageLinks.MAX_TARGET_BYTES + 1);
            if (target.length > PackageLinks.MAX_TARGET_BYTES) {
                throw ZipEntryNames.invalid(entry.getName(), "is a symbolic link with a target longer than "
                        + PackageLinks.MAX_TARGET_BYTES + " bytes");
            }
            return new String(target, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw corrupt();
        }
    }

    private static InputStream entryStream(ZipFile zipFile, ZipArchiveEntry entry) {
        try {
            return zipFile.getInputStream(entry);
        } catch (IOException | RuntimeException e) {
            throw corrupt();
        }
    }

    /** Reads from the zip: a failure here is the archive's fault, never the file system's. */
    private static int read(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw corrupt();
        }
    }

    /**
     * How many central-directory headers the archive could contain at most. Each parsed entry starts at one
     * occurrence of the signature, so this bounds the entries (and memory) commons-compress can produce; nested
     * uncompressed jars inflate it, hence the factor 10 in {@link #extract}.
     */
    private static long centralHeaderSignatures(byte[] zip) {
        long count = 0;
        for (int i = 0; i + 3 < zip.length; i++) {
            if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
                count++;
            }
        }
        return count;
    }

    private LambdaException tooManyEntries() {
        return LambdaException.invalidParameterValue(
                "Zip file must have at most " + limits.maxEntries() + " entries");
    }

    private LambdaException tooLarge() {
        return LambdaException.invalidParameterValue(
                "Unzipped size must be smaller than " + limits.maxUnzippedBytes() + " bytes");
    }

    static LambdaException corrupt() {
        return LambdaException.invalidParameterValue(CORRUPT_MESSAGE);
    }
}
