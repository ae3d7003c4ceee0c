package dev.gust.engine;

import dev.gust.core.FunctionConfiguration;
import dev.gust.core.Runtimes;
import dev.gust.runtimes.Bootstraps;
import dev.gust.runtimes.PythonSdk;
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
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the command that starts a function's runtime inside its sandbox, per runtime family: Gust's bootstraps
 * for python and nodejs, the official RIC for java, the package's own {@code bootstrap} for provided. The runtime
 * directory (mounted at {@code /var/runtime}) is prepared once at construction. Immutable, thread-safe.
 */
final class RuntimeCommands {

    /**
     * The argv, extra environment, extra read-only host paths and symbolic links in the sandbox's root of one
     * runtime start.
     */
    record Command(List<String> argv, Map<String, String> environment, List<Path> hostPaths, Map<String, String> links) {

        Command(List<String> argv, Map<String, String> environment, List<Path> hostPaths) {
            this(argv, environment, hostPaths, Map.of());
        }
    }

    /**
     * Where an ES module's imports look after the function's own {@code /var/task/node_modules} (its parent
     * directories'), linked to the layers' and the runtime's packages in NODE_PATH's order, so that ES module handlers
     * find them with no resolve hooks (which start a thread: tens of milliseconds per cold start).
     */
    static final Map<String, String> NODE_MODULES_LINKS = Map.of("/var/node_modules", "/opt/nodejs/node_modules",
            "/node_modules", "/var/runtime/node_modules");

    /** Where the Python SDK's links are, below the runtime directory: {@code sdk} beside the Python bootstrap. */
    static final String PYTHON_SDK = "python/sdk";

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCommands.class);

    private final RuntimeCatalog catalog;
    private final Path runtimeDir;
    private final InstalledRic ric;
    private final Path nodeSdk;

    /**
     * @param nodeSdk the installed AWS SDK for JavaScript's {@code node_modules} ({@code NodeSdk}), linked at
     *     {@code /var/runtime/node_modules} and exposed read-only to Node.js functions; {@code null} for none
     */
    RuntimeCommands(RuntimeCatalog catalog, Path runtimeDir, Path nodeSdk) {
        this.catalog = catalog;
        this.runtimeDir = runtimeDir;
        this.nodeSdk = nodeSdk;
        linkNodeSdk(runtimeDir.resolve("node_modules"), nodeSdk);
        Bootstraps.extractTo(runtimeDir);
        this.ric = RicDistribution.onClasspath().install(runtimeDir);
        makeReadableByAll(runtimeDir);
        List<Path> pythons = Runtimes.creatable().stream().filter(id -> RuntimeFamily.of(id) == RuntimeFamily.PYTHON)
                .map(catalog::interpreter).flatMap(Optional::stream).map(Interpreter::executable).distinct().toList();
        if (!pythons.isEmpty() && !PythonSdk.linkFirst(runtimeDir.resolve(PYTHON_SDK), pythons)) {
            LOG.warn("no boto3 below /usr for {}: Python functions get no AWS SDK (Debian: apt install python3-boto3)",
                    pythons);
        }
    }

    /**
     * Functions run as an unprivileged uid: everything under /var/runtime must be world-readable. Symbolic links
     * (the Python SDK's, into /usr) are left alone: changing their permissions would change their targets'.
     */
    private static void makeReadableByAll(Path dir) {
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (java.nio.file.Files.isSymbolicLink(path)) {
                    continue;
                }
                boolean directory = java.nio.file.Files.isDirectory(path);
                boolean executable = directory || java.nio.file.Files.isExecutable(path) && path.toString().endsWith(".so");
                java.nio.file.Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions
                        .fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare the runtime directory " + dir, e);
        }
    }

    private static void linkNodeSdk(Path link, Path nodeSdk) {
        try {
            java.nio.file.Files.deleteIfExists(link);
            if (nodeSdk != null) {
                java.nio.file.Files.createDirectories(link.getParent());
                java.nio.file.Files.createSymbolicLink(link, nodeSdk);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot link the Node.js SDK at " + link, e);
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
            // -S: no site module, so none of the host's site or dist-packages; the bootstrap builds sys.path as Lambda's
            case PYTHON -> interpreted(function.runtime(), List.of("-u", "-S", "/var/runtime/"
                    + Bootstraps.Family.PYTHON.relativePath()));
            case NODEJS -> withNodeSdk(interpreted(function.runtime(), List.of("/var/runtime/"
                    + Bootstraps.Family.NODEJS.relativePath())));
            case RUBY -> interpreted(function.runtime(), List.of("/var/runtime/"
                    + Bootstraps.Family.RUBY.relativePath()));
            case JAVA -> java(function);
            case PROVIDED -> new Command(List.of("/var/task/bootstrap"), Map.of(), List.of());
        };
    }

    /**
     * The command with the SDK that /var/runtime/node_modules links to visible, read-only, and the links that make ES
     * module imports find the layers' and the runtime's packages.
     */
    private Command withNodeSdk(Command command) {
        List<Path> hostPaths = new ArrayList<>(command.hostPaths());
        if (nodeSdk != null) {
            hostPaths.add(nodeSdk);
        }
        return new Command(command.argv(), command.environment(), hostPaths, NODE_MODULES_LINKS);
    }

    private Command interpreted(String runtime, List<String> args) {
        Interpreter interpreter = catalog.interpreter(runtime).orElseThrow();
        List<String> argv = new ArrayList<>();
        argv.add(interpreter.executable().toString());
        argv.addAll(args);
        List<Path> hostPaths = interpreter.home() == null ? List.of() : List.of(interpreter.home());
        return new Command(argv, Map.of(), hostPaths);
    }

    private Command java(FunctionConfiguration function) {
        Interpreter jdk = catalog.interpreter(function.runtime()).orElseThrow();
        JavaRuntimeId id = JavaRuntimeId.find(function.runtime()).orElse(JavaRuntimeId.JAVA21);
        var command = new JavaRuntime(id, jdk.home(), ric, RuntimeRoots.LAMBDA)
                .command(function.handler(), function.memorySize(), function.environment());
        Map<String, String> environment = new HashMap<>(command.environment());
        return new Command(command.argv(), environment, List.of(jdk.home()));
    }
}
