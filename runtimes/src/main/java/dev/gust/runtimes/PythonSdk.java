package dev.gust.runtimes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The SDK that Lambda's Python runtimes include, and nothing else of the host's packages: a directory of symbolic
 * links to the host's boto3, botocore and their dependencies ({@link #MODULES}), {@code sdk} beside the bootstrap,
 * which Gust's Python bootstrap puts last on {@code sys.path}, where Lambda has {@code /var/runtime}. The links point below {@code /usr}, which every
 * sandbox sees read-only, so they resolve inside and outside sandboxes. Built once at startup; stateless after.
 */
public final class PythonSdk {

    /**
     * boto3 and what it imports, as Lambda's runtime ships them (importable names); then what Debian's botocore
     * imports besides, since Debian replaces botocore's vendored copy of requests with its own package.
     */
    public static final List<String> MODULES = List.of("boto3", "botocore", "s3transfer", "jmespath", "dateutil",
            "six", "urllib3", "requests", "certifi", "idna", "charset_normalizer", "chardet");

    private static final String LOCATE = "import importlib.util as u\n"
            + "for n in %s:\n"
            + "    s = u.find_spec(n)\n"
            + "    print(n, (s.submodule_search_locations[0] if s.submodule_search_locations else s.origin) if s else '')\n";

    private PythonSdk() {
    }

    /**
     * Links, in {@code directory}, the SDK that the first of {@code pythons} to import boto3 from below {@code /usr}
     * imports; returns whether one did.
     */
    public static boolean linkFirst(Path directory, List<Path> pythons) {
        for (Path python : pythons) {
            if (linkInto(directory, python).contains("boto3")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Links, in {@code directory} (emptied first), each module of {@link #MODULES} that {@code python} imports
     * from below {@code /usr}; returns the modules linked.
     */
    public static List<String> linkInto(Path directory, Path python) {
        try {
            if (Files.isDirectory(directory)) {
                // the links, and the bytecode caches Python may have written beside them; walk never follows links
                try (Stream<Path> old = Files.walk(directory)) {
                    for (Path path : (Iterable<Path>) old.sorted(Comparator.reverseOrder())::iterator) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(directory);
            List<String> linked = new ArrayList<>();
            for (String line : locate(python)) {
                String[] parts = line.split(" ", 2);
                if (parts.length == 2 && parts[1].startsWith("/usr/")) {
                    Path target = Path.of(parts[1]);
                    Files.createSymbolicLink(directory.resolve(target.getFileName()), target);
                    linked.add(parts[0]);
                }
            }
            return linked;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Python SDK directory " + directory, e);
        }
    }

    private static List<String> locate(Path python) throws IOException {
        String modules = "[" + String.join(", ", MODULES.stream().map(m -> "'" + m + "'").toList()) + "]";
        Process process = new ProcessBuilder(python.toString(), "-c", LOCATE.formatted(modules))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        return out.lines().toList();
    }
}
