package dev.gust.store;

import dev.gust.core.CodePackage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded {@link CodeStore}: packages as files under one directory, {@code <hex>.zip} next to its unpacked
 * read-only tree {@code <hex>/}, staged in {@code tmp/}.
 *
 * <p><b>Invariant:</b> a package exists exactly when {@code <hex>.zip} exists; its tree is then complete,
 * read-only and durable. {@link #store} builds both in a fresh folder under {@code tmp/}, fsyncs them, renames
 * the tree into place and renames the zip last: that rename is the commit. {@link #retainOnly} takes the zip
 * away first. Construction wipes {@code tmp/} and every tree without its zip, so after kill -9 or power loss
 * at any point a package is either complete or absent.
 *
 * <p>{@link #optRoot} merges the trees of two or more layers once per ordered combination into {@code opt/<key>/}
 * ({@link LayerMerge}: hard links, no data copied). That directory is a cache: construction wipes it, and
 * {@link #retainOnly} drops every merge that includes a collected package.
 *
 * <p>{@link #retainOnly} spares packages this instance stored within the grace period, so that a package
 * stored for a function whose metadata is not written yet is not collected under it. Thread-safe; one instance
 * per directory, whose owner must keep other processes out (see {@link EmbeddedStorage}).
 */
public final class FileCodeStore implements CodeStore {

    /** How long a freshly stored package survives {@link #retainOnly} without being referenced. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final String ZIP = ".zip";

    private final Path root;
    private final Path tmp;
    private final Path opt;
    private final ZipPackageReader reader;
    private final Clock clock;
    private final Duration grace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Instant> recentlyStored = new HashMap<>();
    /** The merged layer trees under {@code opt/}: key to the packages merged, in order. */
    private final Map<String, List<String>> merges = new HashMap<>();

    /** Opens the store in {@code root}, creating it, and clears what an interrupted write left behind. */
    public FileCodeStore(Path root, ZipLimits limits, Clock clock, Duration grace) {
        this.root = root.toAbsolutePath().normalize();
        this.tmp = this.root.resolve("tmp");
        this.opt = this.root.resolve("opt");
        this.reader = new ZipPackageReader(limits);
        this.clock = clock;
        this.grace = grace;
        try {
            PrivateDataDir.createFolder(this.root);
            FileTrees.fsync(this.root.getParent()); // the entry of a newly created root
            FileTrees.delete(tmp);
            Files.createDirectories(tmp);
            FileTrees.delete(opt);
            removeIncompletePackages();
        } catch (IOException e) {
            throw new StoreException("Cannot open the code store in " + root, e);
        }
    }

    @Override
    public CodePackage store(byte[] zip) {
        String hex = sha256Hex(zip);
        if (touchIfPresent(hex)) {
            return new CodePackage(hex, zip.length, FileTrees.regularFileBytes(taskRoot(hex)));
        }
        Path staging = null;
        try {
            staging = Files.createTempDirectory(tmp, "store-");
            Path stagedZip = staging.resolve("code" + ZIP);
            writeReadOnly(stagedZip, zip);
            Path stagedTree = staging.resolve("task");
            long unzippedSize = reader.extract(zip, stagedTree);
            FileTrees.seal(stagedTree);
            commit(hex, stagedTree, stagedZip);
            return new CodePackage(hex, zip.length, unzippedSize);
        } catch (IOException e) {
            throw new StoreException("Cannot store package " + hex, e);
        } finally {
            if (staging != null) {
                FileTrees.delete(staging);
            }
        }
    }

    private boolean touchIfPresent(String hex) {
        lock.lock();
        try {
            boolean present = Files.exists(zipFile(hex));
            if (present) {
                recentlyStored.put(hex, clock.instant());
            }
            return present;
        } finally {
            lock.unlock();
        }
    }

    private void commit(String hex, Path stagedTree, Path stagedZip) throws IOException {
        lock.lock();
        try {
            recentlyStored.put(hex, clock.instant());
            if (Files.exists(zipFile(hex))) {
                return; // stored concurrently with the same bytes
            }
            Path tree = taskRoot(hex);
            FileTrees.delete(tree); // left by a commit that failed half-way earlier in this process
            Files.move(stagedTree, tree, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(tree, FileTrees.READ_ONLY_DIRECTORY);
            FileTrees.fsync(tree);
            FileTrees.fsync(root);
            Files.move(stagedZip, zipFile(hex), StandardCopyOption.ATOMIC_MOVE);
            FileTrees.fsync(root);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Path zipFile(String sha256Hex) {
        return root.resolve(checkedHex(sha256Hex) + ZIP);
    }

    @Override
    public Path taskRoot(String sha256Hex) {
        return root.resolve(checkedHex(sha256Hex));
    }

    @Override
    public Path optRoot(List<String> layerSha256Hexes) {
        if (layerSha256Hexes.isEmpty()) {
            throw new IllegalArgumentException("No layers to merge");
        }
        layerSha256Hexes.forEach(FileCodeStore::checkedHex);
        if (layerSha256Hexes.size() == 1) {
            return taskRoot(layerSha256Hexes.getFirst());
        }
        String key = sha256Hex(String.join(",", layerSha256Hexes).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path merged = opt.resolve(key);
        lock.lock();
        try {
            if (merges.containsKey(key)) {
                return merged;
            }
        } finally {
            lock.unlock();
        }
        Path staging = null;
        try {
            staging = Files.createTempDirectory(tmp, "merge-");
            Path tree = staging.resolve("opt");
            LayerMerge.merge(layerSha256Hexes.stream().map(this::taskRoot).toList(), tree);
            lock.lock();
            try {
                if (!merges.containsKey(key)) { // else merged concurrently
                    Files.createDirectories(opt);
                    Files.move(tree, merged, StandardCopyOption.ATOMIC_MOVE);
                    Files.setPosixFilePermissions(merged, FileTrees.READ_ONLY_DIRECTORY);
                    merges.put(key, List.copyOf(layerSha256Hexes));
                }
            } finally {
                lock.unlock();
            }
            return merged;
        } catch (IOException e) {
            throw new StoreException("Cannot merge layers " + layerSha256Hexes, e);
        } finally {
            if (staging != null) {
                FileTrees.delete(staging);
            }
        }
    }

    @Override
    public long totalCodeSize() {
        lock.lock();
        try {
            long total = 0;
            for (String hex : packages()) {
                total += Files.size(zipFile(hex));
            }
            return total;
        } catch (IOException e) {
            throw new StoreException("Cannot measure " + root, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void retainOnly(Set<String> live) {
        List<Path> doomed = new ArrayList<>();
        lock.lock();
        try {
            Instant cutoff = clock.instant().minus(grace);
            recentlyStored.values().removeIf(storedAt -> storedAt.isBefore(cutoff));
            List<String> collected = new ArrayList<>();
            for (String hex : packages()) {
                if (!live.contains(hex) && !recentlyStored.containsKey(hex)) {
                    collected.add(hex);
                    doomed.add(uncommit(hex));
                }
            }
            for (var merge : List.copyOf(merges.entrySet())) {
                if (merge.getValue().stream().anyMatch(collected::contains)) {
                    merges.remove(merge.getKey());
                    Path trash = Files.createTempDirectory(tmp, "delete-");
                    FileTrees.makeWritable(opt.resolve(merge.getKey()));
                    Files.move(opt.resolve(merge.getKey()), trash.resolve("opt"), StandardCopyOption.ATOMIC_MOVE);
                    doomed.add(trash);
                }
            }
        } catch (IOException e) {
            throw new StoreException("Cannot collect packages in " + root, e);
        } finally {
            lock.unlock();
        }
        doomed.forEach(FileTrees::delete);
    }

    /** Moves a package into {@code tmp/}, zip first, and returns where it went; deleting it can wait. */
    private Path uncommit(String hex) throws IOException {
        Path trash = Files.createTempDirectory(tmp, "delete-");
        Files.move(zipFile(hex), trash.resolve("code" + ZIP), StandardCopyOption.ATOMIC_MOVE);
        FileTrees.makeWritable(taskRoot(hex));
        Files.move(taskRoot(hex), trash.resolve("task"), StandardCopyOption.ATOMIC_MOVE);
        return trash;
    }

    /** The hashes of the committed packages. */
    private List<String> packages() throws IOException {
        try (Stream<Path> children = Files.list(root)) {
            return children.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(ZIP))
                    .map(name -> name.substring(0, name.length() - ZIP.length()))
                    .filter(hex -> HEX.matcher(hex).matches())
                    .toList();
        }
    }

    private void removeIncompletePackages() throws IOException {
        List<String> committed = packages();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (HEX.matcher(name).matches() && !committed.contains(name)) {
                    FileTrees.delete(child);
                }
            }
        }
        for (String hex : committed) {
            if (!Files.isDirectory(taskRoot(hex))) { // cannot happen by the commit order; repairs tampering
                Files.delete(zipFile(hex));
            }
        }
    }

    private static void writeReadOnly(Path file, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("r--r--r--")))) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    private static String checkedHex(String sha256Hex) {
        if (!HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("Not a lower-case hex SHA-256: " + sha256Hex);
        }
        return sha256Hex;
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
