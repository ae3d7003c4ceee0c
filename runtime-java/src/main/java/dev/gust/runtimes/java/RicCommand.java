package dev.gust.runtimes.java;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to start one instance's runtime interface client: the argv, the working directory and the variables the Java
 * runtime adds to the function's environment, all as seen by the process. Immutable.
 *
 * @param argv the program and its arguments
 * @param workingDirectory the task root: the RIC loads the function from {@code user.dir}
 * @param environment variables to add to the instance's environment (which also holds Lambda's reserved variables,
 *     {@code _HANDLER}, {@code AWS_LAMBDA_RUNTIME_API} and the function's own, set by the caller)
 */
public record RicCommand(List<String> argv, Path workingDirectory, Map<String, String> environment) {

    /** Copies the collections. */
    public RicCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}
