package dev.gust.runtimes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The AWS SDK for JavaScript v3 that Lambda's Node.js runtimes include at {@code /var/runtime/node_modules}: the
 * clients pinned in this module's {@code nodejs/sdk/package.json}, installed with {@code npm ci} from the committed
 * {@code package-lock.json} (so npm checks every package against its integrity hash), without install scripts.
 *
 * <p>Installed once per lock file into {@code <cache>/nodejs-sdk/<hash of the lock>/node_modules}, shared by every
 * server of the machine: an installation is prepared beside its final name and renamed into place, so servers that
 * start together install it twice at worst and never see half of one. Upgrading the SDK means a new lock file, hence
 * a new directory. Stateless; thread-safe.
 */
public final class NodeSdk {

    private static final String PACKAGE_JSON = "nodejs/sdk/package.json";
    private static final String LOCK = "nodejs/sdk/package-lock.json";
    private static final long TIMEOUT_MINUTES = 10;

    private NodeSdk() {
    }

    /** The default cache: {@code $XDG_CACHE_HOME/gust}, else {@code ~/.cache/gust}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("gust");
    }

    /** Where the SDK of the committed lock file is (or would be) installed below {@code cache}. */
    public static Path directory(Path cache) {
        return cache.resolve("nodejs-sdk").resolve(lockHash()).resolve("node_modules");
    }

    /**
     * The installed SDK's {@code node_modules}, installing it first if needed with {@code npm}; empty, after telling
     * {@code progress} why, when npm is missing or fails (functions then bring their own SDK).
     *
     * @param progress receives npm's output and what happens, one line at a time
     */
    public static Optional<Path> install(Path cache, String npm, Consumer<String> progress) {
        Path modules = directory(cache);
        if (Files.isDirectory(modules)) {
            return Optional.of(modules);
        }
        Path target = modules.getParent();
        try {
            Files.createDirectories(target.getParent());
            Path work = Files.createTempDirectory(target.getParent(), ".install-");
            try {
                Files.write(work.resolve("package.json"), resource(PACKAGE_JSON));
                Files.write(work.resolve("package-lock.json"), resource(LOCK));
                progress.accept("installing the AWS SDK for JavaScript v3 for Node.js functions (once) into " + target);
                Process process = new ProcessBuilder(npm, "ci", "--omit=dev", "--ignore-scripts", "--no-audit",
                        "--no-fund", "--loglevel=warn").directory(work.toFile()).redirectErrorStream(true).start();
                forward(process.getInputStream(), progress);
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    progress.accept("npm ci did not finish within " + TIMEOUT_MINUTES + " minutes");
                    return Optional.empty();
                }
                if (process.exitValue() != 0) {
                    progress.accept("npm ci failed (exit status " + process.exitValue() + ")");
                    return Optional.empty();
                }
                try {
                    Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(work, target);
                } catch (IOException e) {
                    if (!Files.isDirectory(modules)) { // not another server that won the race
                        throw e;
                    }
                }
                progress.accept("installed the AWS SDK for JavaScript v3 into " + target);
                return Optional.of(modules);
            } finally {
                deleteIfLeft(work);
            }
        } catch (IOException e) {
            progress.accept("cannot install the AWS SDK for JavaScript v3 (" + e.getMessage() + ")");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first 16 hex digits of the lock file's SHA-256: the name of its installation. */
    static String lockHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(resource(LOCK));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void forward(InputStream output, Consumer<String> progress) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank()).forEach(line -> progress.accept("npm: " + line));
        }
    }

    private static void deleteIfLeft(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static byte[] resource(String relativePath) throws IOException {
        try (InputStream in = NodeSdk.class.getResourceAsStream(relativePath)) {
            if (in == null) {
                throw new IOException("missing resource dev/gust/runtimes/" + relativePath);
            }
            return in.readAllBytes();
        }
    }

    /** The packages the installation provides at its top level, for the docs and the health endpoint. */
    public static List<String> clients() {
        try {
            String json = new String(resource(PACKAGE_JSON), StandardCharsets.UTF_8);
            return java.util.regex.Pattern.compile("\"(@aws-sdk/[a-z0-9-]+)\"").matcher(json).results()
                    .map(m -> m.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
