package dev.gust.engine;

import dev.gust.core.FunctionConfiguration;
import dev.gust.store.CodeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;

/**
 * Checks a custom runtime's entry point ({@code bootstrap}) before an instance starts, so that a missing or
 * non-executable one gets {@code Runtime.InvalidEntrypoint} with Lambda's message rather than an exit status.
 * Stateless.
 */
final class Entrypoints {

    /** Lambda's message when neither of the paths it looks at holds a bootstrap. */
    static final String NOT_FOUND = "Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]";
    /** Lambda's message when the bootstrap is not executable. */
    static final String NOT_EXECUTABLE = "fork/exec /var/task/bootstrap: permission denied";

    private Entrypoints() {
    }

    /** Why the function's bootstrap cannot run, in Lambda's words; empty for a managed runtime or a valid one. */
    static Optional<String> problem(FunctionConfiguration function, CodeStore code) {
        if (!function.runtime().startsWith("provided")) {
            return Optional.empty();
        }
        Path bootstrap = code.taskRoot(function.code().sha256Hex()).resolve("bootstrap");
        if (!Files.isRegularFile(bootstrap)) { // follows links, as exec does
            return Optional.of(NOT_FOUND);
        }
        try {
            // Stored code keeps the zip's execute bits for everyone (the runtime runs as another uid than the owner).
            var permissions = Files.getPosixFilePermissions(bootstrap);
            boolean executable = permissions.contains(PosixFilePermission.OTHERS_EXECUTE)
                    || permissions.contains(PosixFilePermission.OWNER_EXECUTE);
            return executable ? Optional.empty() : Optional.of(NOT_EXECUTABLE);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // cannot tell: let the launch decide
        }
    }
}
