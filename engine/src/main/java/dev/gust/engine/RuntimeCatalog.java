package dev.gust.engine;

import dev.gust.core.LambdaException;
import dev.gust.core.RuntimeAvailability;
import dev.gust.core.Runtimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Which interpreter on this host serves which Lambda runtime id. Built once at startup: each id gets, in order, the
 * interpreter configured for it, an interpreter of exactly its language version found on the host
 * ({@link InterpreterDiscovery}), or else its family's default interpreter (whatever its version: the function's log
 * and its {@code RuntimeVersionConfig} then say so). Each interpreter is asked once for its real path and version,
 * so shims (pyenv, nvm) cost nothing per instance start. Immutable, thread-safe.
 */
public final class RuntimeCatalog implements RuntimeAvailability {

    /**
     * What to look for.
     *
     * @param python the default python3 command (a path or a name on PATH)
     * @param node the default node command
     * @param ruby the default ruby command
     * @param javaHome the default JDK
     * @param interpreters an executable (a JDK home for java ids) per runtime id, chosen over any other
     * @param discovery where to look for interpreters of each exact version, or {@code null} not to look
     */
    public record Settings(String python, String node, String ruby, Path javaHome, Map<String, String> interpreters,
            InterpreterDiscovery discovery) {

        /** The defaults given, the host's interpreters discovered, none configured per id. */
        public static Settings of(String python, String node, String ruby, Path javaHome) {
            return new Settings(python, node, ruby, javaHome, Map.of(), InterpreterDiscovery.onHost());
        }

        /** The same with an interpreter per runtime id ({@code python3.12=/opt/python3.12/bin/python3}). */
        public Settings withInterpreters(Map<String, String> perId) {
            return new Settings(python, node, ruby, javaHome, Map.copyOf(perId), discovery);
        }
    }

    private final Map<String, Interpreter> interpreters;
    private final Map<String, String> problems;

    private RuntimeCatalog(Map<String, Interpreter> interpreters, Map<String, String> problems) {
        this.interpreters = interpreters;
        this.problems = problems;
    }

    /** Detects the interpreters of every runtime id a function may be created with. */
    public static RuntimeCatalog detect(Settings settings) {
        Map<String, Optional<Interpreter>> probed = new HashMap<>();
        Map<String, Interpreter> found = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (String id : Runtimes.creatable()) {
            RuntimeFamily family = RuntimeFamily.of(id);
            if (family == null) {
                problems.put(id, "Gust has no " + id.replaceAll("\\d.*", "") + " runtime");
                continue;
            }
            if (family == RuntimeFamily.PROVIDED) {
                continue;
            }
            String configured = settings.interpreters().get(id);
            List<String> commands = new ArrayList<>();
            if (configured != null) {
                commands.add(family == RuntimeFamily.JAVA ? Path.of(configured, "bin/java").toString() : configured);
            } else {
                if (settings.discovery() != null) {
                    settings.discovery().candidates(family, family.languageVersion(id))
                            .forEach(path -> commands.add(path.toString()));
                }
                commands.add(defaultCommand(family, settings));
            }
            Optional<Interpreter> chosen = Optional.empty();
            for (String command : commands) {
                Optional<Interpreter> interpreter = probed.computeIfAbsent(command, c -> probe(family, c));
                boolean fallback = configured == null && command.equals(commands.getLast());
                if (interpreter.isPresent() && (fallback || configured != null
                        || family.serves(id, interpreter.get().version()))) {
                    chosen = interpreter;
                    break;
                }
            }
            chosen.ifPresentOrElse(i -> found.put(id, i), () -> problems.put(id, "no interpreter found ('"
                    + commands.getLast() + "')"));
        }
        return new RuntimeCatalog(found, problems);
    }

    /** Detects with the given defaults, discovering exact versions on this host. */
    public static RuntimeCatalog detect(String python, String node, Path javaHome) {
        return detect(Settings.of(python, node, "ruby", javaHome));
    }

    /** The interpreter that runs a runtime id, if this host has one. */
    public Optional<Interpreter> interpreter(String runtimeId) {
        return Optional.ofNullable(interpreters.get(runtimeId));
    }

    /**
     * A one-line note when a runtime id runs on an interpreter of another language version, such as
     * {@code python3.12 runs on Python 3.11.2 (/usr/bin/python3.11)}; empty when the versions agree.
     */
    @Override
    public Optional<String> substitution(String runtimeId) {
        Interpreter interpreter = interpreters.get(runtimeId);
        RuntimeFamily family = RuntimeFamily.of(runtimeId);
        if (interpreter == null || family == null || family.serves(runtimeId, interpreter.version())) {
            return Optional.empty();
        }
        return Optional.of(runtimeId + " runs on " + language(family) + " " + interpreter.version() + " ("
                + interpreter.executable() + "): no " + language(family) + " " + family.languageVersion(runtimeId)
                + " found on this host");
    }

    @Override
    public void requireAvailable(String runtime) {
        RuntimeFamily family = RuntimeFamily.of(runtime);
        if (family == null) {
            throw LambdaException.invalidParameterValue("Runtime " + runtime + " is not supported by Gust. Supported "
                    + "families: python3.x, nodejs*, java21/java25, ruby3.x and provided.al2/provided.al2023 (custom "
                    + "bootstrap).");
        }
        if (family != RuntimeFamily.PROVIDED && !interpreters.containsKey(runtime)) {
            throw LambdaException.invalidParameterValue("Runtime " + runtime + " cannot run on this Gust server: "
                    + problems.getOrDefault(runtime, "no interpreter found")
                    + ". Install it, or point Gust at it in the server settings (interpreters).");
        }
    }

    /**
     * Every runtime id a function may be created with and what runs it, for the startup banner and the health
     * endpoint: the interpreter (and the language version it substitutes), or why the id cannot run here.
     */
    public Map<String, String> describe() {
        Map<String, String> lines = new LinkedHashMap<>();
        for (String id : Runtimes.creatable().stream().sorted().toList()) {
            Interpreter interpreter = interpreters.get(id);
            RuntimeFamily family = RuntimeFamily.of(id);
            if (family == RuntimeFamily.PROVIDED) {
                lines.put(id, "the bootstrap executable in the function's package");
            } else if (interpreter == null) {
                lines.put(id, "unavailable: " + problems.get(id));
            } else {
                lines.put(id, interpreter.describe() + (family.serves(id, interpreter.version()) ? ""
                        : ", not " + language(family) + " " + family.languageVersion(id)));
            }
        }
        return lines;
    }

    private static String language(RuntimeFamily family) {
        return switch (family) {
            case PYTHON -> "Python";
            case NODEJS -> "Node.js";
            case JAVA -> "Java";
            case RUBY -> "Ruby";
            case PROVIDED -> "provided";
        };
    }

    private static String defaultCommand(RuntimeFamily family, Settings settings) {
        return switch (family) {
            case PYTHON -> settings.python();
            case NODEJS -> settings.node();
            case RUBY -> settings.ruby();
            case JAVA -> settings.javaHome().resolve("bin/java").toString();
            case PROVIDED -> throw new IllegalArgumentException("provided runtimes have no interpreter");
        };
    }

    private static Optional<Interpreter> probe(RuntimeFamily family, String command) {
        return switch (family) {
            case PYTHON -> probe(command, List.of("-c",
                    "import sys;print(sys.executable);print('%d.%d.%d' % sys.version_info[:3])"));
            case NODEJS -> probe(command, List.of("-e", "console.log(process.execPath);console.log(process.versions.node)"));
            case RUBY -> probe(command, List.of("-e", "puts RbConfig.ruby; puts RUBY_VERSION"));
            case JAVA -> jdk(Path.of(command));
            case PROVIDED -> Optional.empty();
        };
    }

    private static Optional<Interpreter> jdk(Path java) {
        if (!Files.isExecutable(java)) {
            return Optional.empty();
        }
        try {
            Path home = java.toRealPath().getParent().getParent();
            return Optional.of(new Interpreter(home.resolve("bin/java"), home, javaVersion(home)));
        } catch (IOException e) {
            return Optional.empty();
        }
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
