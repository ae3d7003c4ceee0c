package dev.gust.runtimes.java;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The {@code java21} and {@code java25} runtimes: start the official runtime interface client (RIC), unmodified, the
 * way Lambda's Java images start it.
 *
 * <p>The command is {@code <javaHome>/bin/java <Lambda's JVM options> -classpath <the RIC jars>
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda <handler>}, run in the task root. The classpath holds
 * only the runtime's jars; the RIC loads the function itself from the task root and the jars in its {@code lib/}
 * folder (and {@code /opt/java/lib}), in lexical order, through its own class loader.
 *
 * <p>The JDK is used in place: a sandbox must mount {@code javaHome} at the same path. Immutable and thread-safe.
 */
public final class JavaRuntime {

    /** The RIC's entry point. */
    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** The system property through which the RIC loads a JNI library from a given file instead of {@code /tmp}. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** Lambda's {@code PATH} after its own {@code /var/lang/bin}. */
    private static final String PATH_TAIL = ":/usr/local/bin:/usr/bin/:/bin:/opt/bin";

    private final JavaRuntimeId id;
    private final Path javaHome;
    private final InstalledRic ric;
    private final RuntimeRoots roots;

    /**
     * @param id which runtime this is
     * @param javaHome the JDK (or JRE) to run, a real directory with {@code bin/java}
     * @param ric what {@link RicDistribution#install} put into the runtime directory
     * @param roots where the process sees the task root and the runtime directory ({@link RuntimeRoots#LAMBDA} in a
     *     sandbox)
     * @throws IllegalArgumentException if {@code javaHome} has no {@code bin/java}
     */
    public JavaRuntime(JavaRuntimeId id, Path javaHome, InstalledRic ric, RuntimeRoots roots) {
        this.id = Objects.requireNonNull(id, "id");
        this.javaHome = javaHome.toAbsolutePath().normalize();
        this.ric = Objects.requireNonNull(ric, "ric");
        this.roots = Objects.requireNonNull(roots, "roots");
        if (!Files.isExecutable(this.javaHome.resolve("bin/java"))) {
            throw new IllegalArgumentException("No Java launcher at " + this.javaHome.resolve("bin/java"));
        }
    }

    /** Which runtime this is. */
    public JavaRuntimeId id() {
        return id;
    }

    /**
     * The command that starts one instance of a function.
     *
     * @param handler the function's handler, {@code package.Class::method} or {@code package.Class}
     * @param memoryMb the function's memory size
     * @param functionEnvironment the function's own variables; only {@code JAVA_TOOL_OPTIONS} is read here, and it is
     *     not copied into the result (the caller passes the function's variables to the process)
     */
    public RicCommand command(String handler, int memoryMb, Map<String, String> functionEnvironment) {
        if (handler == null || handler.isBlank()) {
            throw new IllegalArgumentException("handler is blank");
        }
        if (memoryMb <= 0) {
            throw new IllegalArgumentException("memoryMb must be positive: " + memoryMb);
        }
        List<String> argv = new ArrayList<>();
        argv.add(javaHome.resolve("bin/java").toString());
        argv.addAll(JvmOptions.defaults(memoryMb, functionEnvironment.getOrDefault("JAVA_TOOL_OPTIONS", "")));
        ric.jniLibrary().ifPresent(library -> argv.add("-D" + JNI_PROPERTY + "=" + lib().resolve(library)));
        argv.add("-classpath");
        argv.add(ric.jars().stream().map(jar -> lib().resolve(jar).toString()).collect(Collectors.joining(":")));
        argv.add(MAIN_CLASS);
        argv.add(handler);
        Map<String, String> environment = Map.of(
                "AWS_EXECUTION_ENV", id.executionEnvironment(),
                "LAMBDA_TASK_ROOT", roots.taskRoot().toString(),
                "LAMBDA_RUNTIME_DIR", roots.runtimeRoot().toString(),
                "PATH", javaHome.resolve("bin") + PATH_TAIL);
        return new RicCommand(argv, roots.taskRoot(), environment);
    }

    private Path lib() {
        return roots.runtimeRoot().resolve(RicDistribution.JAVA_DIR).resolve(RicDistribution.LIB_DIR);
    }
}
