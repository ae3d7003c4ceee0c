package dev.gust.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.ObjIntConsumer;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds zips for tests, including what {@code java.util.zip} cannot write: unix modes and symbolic links. */
final class TestZips {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes);

    static TestZips zip() {
        return new TestZips();
    }

    TestZips file(String name, String content) {
        return entry(name, 0100644, content.getBytes(StandardCharsets.UTF_8));
    }

    TestZips executable(String name, String content) {
        return entry(name, 0100755, content.getBytes(StandardCharsets.UTF_8));
    }

    TestZips directory(String name) {
        return entry(name.endsWith("/") ? name : name + "/", 040755, new byte[0]);
    }

    TestZips symlink(String name, String target) {
        return entry(name, 0120777, target.getBytes(StandardCharsets.UTF_8));
    }

    /** A file kept uncompressed, so that its bytes appear verbatim in the zip. */
    TestZips storedFile(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(data);
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0100644);
            entry.setMethod(ZipArchiveEntry.STORED);
            entry.setSize(data.length);
            entry.setCrc(crc.getValue());
            zip.putArchiveEntry(entry);
            zip.write(data);
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry of {@code size} zero bytes, written in chunks so the test never holds it whole. */
    TestZips zeros(String name, long size) {
        return chunked(name, size, new byte[1 << 20]);
    }

    /** An entry of {@code size} pseudo-random (incompressible) bytes. */
    TestZips random(String name, long size) {
        byte[] chunk = new byte[1 << 20];
        new Random(42).nextBytes(chunk);
        return chunked(name, size, chunk);
    }

    private TestZips chunked(String name, long size, byte[] chunk) {
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(0100644);
            zip.putArchiveEntry(entry);
            for (long left = size; left > 0; left -= chunk.length) {
                zip.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestZips entry(String name, int unixMode, byte[] content) {
        try {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setUnixMode(unixMode);
            zip.putArchiveEntry(entry);
            zip.write(content);
            zip.closeArchiveEntry();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] build() {
        try {
            zip.close();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same zip with every {@code from} byte replaced by {@code to}, e.g. to put characters in names. */
    static byte[] replacing(byte[] zip, char from, char to) {
        byte[] patched = zip.clone();
        for (int i = 0; i < patched.length; i++) {
            if (patched[i] == from) {
                patched[i] = (byte) to;
            }
        }
        return patched;
    }

    /** The same zip with every entry's uncompressed size in the central directory claimed to be 1 byte. */
    static byte[] lyingAboutSizes(byte[] zip) {
        return patchingEntries(zip, (buffer, central) -> buffer.putInt(central + 24, 1));
    }

    /**
     * The same zip with every entry's CRC-32 flipped, in its local header and in the central directory, as a zip
     * whose data was damaged after it was written would be.
     */
    static byte[] withWrongCrc(byte[] zip) {
        return patchingEntries(zip, (buffer, central) -> {
            buffer.putInt(central + 16, ~buffer.getInt(central + 16));
            int local = buffer.getInt(central + 42);
            buffer.putInt(local + 14, ~buffer.getInt(local + 14));
        });
    }

    /** A copy of {@code zip} (without an archive comment) with {@code patch} applied at each central header. */
    private static byte[] patchingEntries(byte[] zip, ObjIntConsumer<ByteBuffer> patch) {
        byte[] patched = zip.clone();
        ByteBuffer buffer = ByteBuffer.wrap(patched).order(ByteOrder.LITTLE_ENDIAN);
        int endOfCentralDirectory = patched.length - 22;
        int entries = buffer.getShort(endOfCentralDirectory + 10) & 0xffff;
        int offset = buffer.getInt(endOfCentralDirectory + 16);
        for (int i = 0; i < entries; i++) {
            patch.accept(buffer, offset);
            int nameLength = buffer.getShort(offset + 28) & 0xffff;
            int extraLength = buffer.getShort(offset + 30) & 0xffff;
            int commentLength = buffer.getShort(offset + 32) & 0xffff;
            offset += 46 + nameLength + extraLength + commentLength;
        }
        return patched;
    }
}
