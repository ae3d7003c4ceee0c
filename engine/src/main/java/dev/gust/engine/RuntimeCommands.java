package dev.gust.engine;

import dev.gust.core.FunctionConfiguration;
import dev.gust.runtimes.Bootstraps;
import dev.gust.runtimes.java.InstalledRic;
import dev.gust.runtimes.java.JavaRuntime;
import dev.gust.runtimes.java.JavaRuntimeId;
import dev.gust.runtimes.java.RicDistribution;
import dev.gust.runtimes.java.RuntimeRoots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the command that starts a function's runtime inside its sandbox, per runtime family: Gust's bootstraps
 * for python and nodejs, the official RIC for java, the package's own {@code bootstrap} for provided. The runtime
 * directory (mounted at {@code /var/runtime}) is prepared once at construction. Immutable, thread-safe.
 */
final class RuntimeCommands {

    /** The argv, extra environment and extra read-only host paths of one runtime start. */
    record Command(List<String> argv, Map<String, String> environment, List<Path> hostPaths) {
    }

    private final RuntimeCatalog catalog;
    private final Path runtimeDir;
    private final InstalledRic ric;

    RuntimeCommands(RuntimeCatalog catalog, Path runtimeDir) {
        this.catalog = catalog;
        this.runtimeDir = runtimeDir;
        Bootstraps.extractTo(runtimeDir);
        this.ric = RicDistribution.onClasspath().install(runtimeDir);
        makeReadableByAll(runtimeDir);
    }

    /** Functions run as an unprivileged uid: everything under /var/runtime must be world-readable. */
    private static void makeReadableByAll(Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                boolean directory = java.nio.file.Files.isDirectory(path);
                boolean executable = directory || java.nio.file.Files.isExecutable(path) && path.toString().endsWith(".so");
                java.nio.file.Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions
                        .fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare the runtime directory " + dir, e);
        }
    }

    Path runtimeDir() {
        return runtimeDir;
    }

    Command command(FunctionConfiguration function) {
        RuntimeFamily family = RuntimeFamily.of(function.runtime());
        if (family == null) {
            throw new IllegalStateException("no runtime family for " + function.runtime());
        }
        return switch (family) {
            case PYTHON -> interpreted(RuntimeFamily.PYTHON, List.of("-u", "/var/runtime/"
                    + Bootstraps.Family.PYTHON.relativePath()));
            case NODEJS -> interpreted(RuntimeFamily.NODEJS, List.of("/var/runtime/"
                    + Bootstraps.Family.NODEJS.relativePath()));
            case JAVA -> java(function);
            case PROVIDED -> new Command(List.of("/var/task/bootstrap"), Map.of(), List.of());
        };
    }

    private Command interpreted(RuntimeFamily family, List<String> args) {
        Interpreter interpreter = catalog.interpreter(family).orElseThrow();
        List<String> argv = new ArrayList<>();
        argv.add(interpreter.executable().toString());
        argv.addAll(args);
        List<Path> hostPaths = interpreter.home() == null ? List.of() : List.of(interpreter.home());
        return new Command(argv, Map.of(), hostPaths);
    }

    private Command java(FunctionConfiguration function) {
        Interpreter jdk = catalog.interpreter(RuntimeFamily.JAVA).orElseThrow();
        JavaRuntimeId id = JavaRuntimeId.find(function.runtime()).orElse(JavaRuntimeId.JAVA21);
        var command = new JavaRuntime(id, jdk.home(), ric, RuntimeRoots.LAMBDA)
                .command(function.handler(), function.memorySize(), function.environment());
        Map<String, String> environment = new HashMap<>(command.environment());
        return new Command(command.argv(), environment, List.of(jdk.home()));
    }
}
