package dev.gust.runtimes.java;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an instance's process sees the function's code and the runtime's files: {@code /var/task} and
 * {@code /var/runtime} inside a sandbox, real host folders when a test runs the process directly.
 *
 * <p>Immutable.
 *
 * @param taskRoot the unpacked code package ({@code LAMBDA_TASK_ROOT}); also the process's working directory,
 *     because the runtime interface client takes the task root from {@code user.dir}
 * @param runtimeRoot the runtime directory ({@code LAMBDA_RUNTIME_DIR}) into which {@link RicDistribution} installs
 */
public record RuntimeRoots(Path taskRoot, Path runtimeRoot) {

    /** The roots Lambda uses, and Gust's sandboxes mount: {@code /var/task} and {@code /var/runtime}. */
    public static final RuntimeRoots LAMBDA = new RuntimeRoots(Path.of("/var/task"), Path.of("/var/runtime"));

    /** Rejects relative paths: the process resolves them against a working directory it does not share. */
    public RuntimeRoots {
        Objects.requireNonNull(taskRoot, "taskRoot");
        Objects.requireNonNull(runtimeRoot, "runtimeRoot");
        if (!taskRoot.isAbsolute() || !runtimeRoot.isAbsolute()) {
            throw new IllegalArgumentException("roots must be absolute: " + taskRoot + ", " + runtimeRoot);
        }
    }
}
