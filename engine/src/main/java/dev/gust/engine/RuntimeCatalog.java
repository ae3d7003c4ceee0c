package dev.gust.engine;

import dev.gust.core.LambdaException;
import dev.gust.core.RuntimeAvailability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which interpreter on this host serves which Lambda runtime id. Built once at startup: each family's interpreter
 * is asked for its real path and version, so shims (pyenv, nvm) cost nothing per instance start. By default a
 * family runs on the host's interpreter even when its minor version differs from the id. Immutable, thread-safe.
 */
public final class RuntimeCatalog implements RuntimeAvailability {

    private final Map<RuntimeFamily, Interpreter> interpreters;
    private final Map<RuntimeFamily, String> problems;

    private RuntimeCatalog(Map<RuntimeFamily, Interpreter> interpreters, Map<RuntimeFamily, String> problems) {
        this.interpreters = interpreters;
        this.problems = problems;
    }

    /**
     * Detects the interpreters.
     *
     * @param python the python3 command to use (a path or a name on PATH)
     * @param node the node command to use
     * @param javaHome the JDK that runs java21/java25 functions
     */
    public static RuntimeCatalog detect(String python, String node, Path javaHome) {
        Map<RuntimeFamily, Interpreter> found = new EnumMap<>(RuntimeFamily.class);
        Map<RuntimeFamily, String> problems = new EnumMap<>(RuntimeFamily.class);
        probe(python, List.of("-c", "import sys;print(sys.executable);print('%d.%d.%d' % sys.version_info[:3])"))
                .ifPresentOrElse(i -> found.put(RuntimeFamily.PYTHON, i),
                        () -> problems.put(RuntimeFamily.PYTHON, "no python3 interpreter found ('" + python + "')"));
        probe(node, List.of("-e", "console.log(process.execPath);console.log(process.versions.node)"))
                .ifPresentOrElse(i -> found.put(RuntimeFamily.NODEJS, i),
                        () -> problems.put(RuntimeFamily.NODEJS, "no node interpreter found ('" + node + "')"));
        Path java = javaHome.resolve("bin/java");
        if (Files.isExecutable(java)) {
            try {
                Path home = javaHome.toRealPath();
                found.put(RuntimeFamily.JAVA, new Interpreter(home.resolve("bin/java"), home, javaVersion(home)));
            } catch (IOException e) {
                problems.put(RuntimeFamily.JAVA, "cannot resolve " + javaHome + ": " + e.getMessage());
            }
        } else {
            problems.put(RuntimeFamily.JAVA, "no JDK at " + javaHome);
        }
        return new RuntimeCatalog(found, problems);
    }

    /** The interpreter for a family, if this host has one. */
    public Optional<Interpreter> interpreter(RuntimeFamily family) {
        return Optional.ofNullable(interpreters.get(family));
    }

    @Override
    public void requireAvailable(String runtime) {
        RuntimeFamily family = RuntimeFamily.of(runtime);
        if (family == null) {
            throw LambdaException.invalidParameterValue("Runtime " + runtime + " is not supported by Gust. Supported "
                    + "families: python3.x, nodejs*, java21/java25 and provided.al2/provided.al2023 (custom bootstrap).");
        }
        if (family == RuntimeFamily.PROVIDED) {
            return;
        }
        if (!interpreters.containsKey(family)) {
            throw LambdaException.invalidParameterValue("Runtime " + runtime + " cannot run on this Gust server: "
                    + problems.get(family) + ". Install it, or point Gust at it in the server settings.");
        }
    }

    /** One line per family: which interpreter serves which ids, for the startup banner and the health endpoint. */
    public Map<String, String> describe() {
        Map<String, String> lines = new java.util.LinkedHashMap<>();
        lines.put("python3.x", line(RuntimeFamily.PYTHON));
        lines.put("nodejs*", line(RuntimeFamily.NODEJS));
        lines.put("java21, java25", line(RuntimeFamily.JAVA));
        lines.put("provided.al2, provided.al2023", "the bootstrap executable in the function's package");
        return lines;
    }

    private String line(RuntimeFamily family) {
        Interpreter interpreter = interpreters.get(family);
        return interpreter == null ? "unavailable: " + problems.get(family)
                : interpreter.executable() + " (" + interpreter.version() + ")";
    }

    private static Optional<Interpreter> probe(String command, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(command);
        argv.addAll(args);
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            String[] lines = out.strip().split("\n");
            if (lines.length < 2) {
                return Optional.empty();
            }
            Path real = Path.of(lines[lines.length - 2].strip()).toRealPath();
            // an interpreter outside /usr (pyenv, nvm) needs its installation prefix exposed in the sandbox
            Path home = real.startsWith("/usr/") ? null : real.getParent().getParent();
            return Optional.of(new Interpreter(real, home, lines[lines.length - 1].strip()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String javaVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
