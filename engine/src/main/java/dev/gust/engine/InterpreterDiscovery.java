package dev.gust.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where interpreters of one language version may be installed on a host: the version managers' directories
 * (pyenv, nvm, rbenv), Debian's versioned executables ({@code /usr/bin/python3.12}, {@code /usr/bin/ruby3.1}) and
 * JDKs under {@code /usr/lib/jvm}. Only lists existing executables; whether one really is of that version is for
 * its probe to say. Stateless apart from the roots it searches; thread-safe.
 *
 * @param home the home directory whose {@code .pyenv}, {@code .nvm} and {@code .rbenv} are searched
 * @param root the file system root ({@code /} outside tests)
 */
public record InterpreterDiscovery(Path home, Path root) {

    /** Discovery on this host, in the server's home directory (and {@code PYENV_ROOT} etc. when set). */
    public static InterpreterDiscovery onHost() {
        return new InterpreterDiscovery(Path.of(System.getProperty("user.home")), Path.of("/"));
    }

    /** Existing executables that may be of {@code version} ({@code 3.12}, {@code 22}, {@code 21}), best first. */
    List<Path> candidates(RuntimeFamily family, String version) {
        List<Path> found = new ArrayList<>();
        switch (family) {
            case PYTHON -> {
                versionsBelow(managerRoot("PYENV_ROOT", ".pyenv").resolve("versions"), version + ".", "bin/python" + version, found);
                found.add(root.resolve("usr/local/bin/python" + version));
                found.add(root.resolve("usr/bin/python" + version));
            }
            case NODEJS -> {
                versionsBelow(managerRoot("NVM_DIR", ".nvm").resolve("versions/node"), "v" + version + ".", "bin/node", found);
                versionsBelow(root.resolve("usr/local/n/versions/node"), version + ".", "bin/node", found);
            }
            case RUBY -> {
                versionsBelow(managerRoot("RBENV_ROOT", ".rbenv").resolve("versions"), version + ".", "bin/ruby", found);
                found.add(root.resolve("usr/local/bin/ruby" + version));
                found.add(root.resolve("usr/bin/ruby" + version));
            }
            case JAVA -> {
                Path jvm = root.resolve("usr/lib/jvm");
                if (Files.isDirectory(jvm)) {
                    try (Stream<Path> homes = Files.list(jvm)) {
                        homes.filter(dir -> dir.getFileName().toString().matches(".*-" + version + "(-.*|\\.\\d.*)?"))
                                .sorted().forEach(dir -> found.add(dir.resolve("bin/java")));
                    } catch (IOException e) {
                        // an unreadable /usr/lib/jvm holds no candidate
                    }
                }
            }
            case PROVIDED -> {
                // the function brings its own bootstrap
            }
        }
        return found.stream().filter(Files::isExecutable).distinct().toList();
    }

    private Path managerRoot(String variable, String directory) {
        String configured = root.equals(Path.of("/")) ? System.getenv(variable) : null;
        return configured != null ? Path.of(configured) : home.resolve(directory);
    }

    /** Adds {@code <dir>/<name starting with prefix>/<executable>}, newest patch release first. */
    private static void versionsBelow(Path dir, String prefix, String executable, List<Path> found) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> versions = Files.list(dir)) {
            versions.filter(v -> v.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing((Path v) -> patch(v.getFileName().toString(), prefix)).reversed())
                    .forEach(v -> found.add(v.resolve(executable)));
        } catch (IOException e) {
            // an unreadable directory holds no candidate
        }
    }

    private static int patch(String name, String prefix) {
        String rest = name.substring(prefix.length()).replaceAll("\\D.*", "");
        return rest.isEmpty() ? -1 : Integer.parseInt(rest);
    }
}
