package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run in one instance (Lambda's execution environment) and within which limits; immutable and
 * therefore thread-safe.
 *
 * <p>The sandbox starts from an empty environment: the process sees exactly {@code environment} (bubblewrap
 * adds {@code PWD}), nothing of the host's.
 *
 * @param instanceId names the instance's cgroup; letters, digits, {@code . _ -}, at most 128 characters
 * @param taskRoot host directory with the function's code, mounted read-only at {@code /var/task}
 * @param runtimeDir host directory mounted read-only at {@code /var/runtime}, or {@code null}
 * @param optDir host directory (the merged layers) mounted read-only at {@code /opt}, or {@code null}
 * @param argv the command, with paths as seen inside the sandbox; the executable must be an absolute path
 * @param environment the complete environment of the process
 * @param memoryLimitMb memory limit of the whole process tree, in MiB
 * @param ephemeralStorageMb size of the private writable {@code /tmp}, in MiB
 * @param maxProcesses maximum number of processes and threads of the function
 * @param readOnlyHostPaths absolute host paths exposed read-only at the same path (an interpreter, a JDK)
 * @param user the user the function runs as; whether that is also its host uid depends on the sandbox
 *     ({@link SandboxCapabilities#distinctHostUsers()})
 * @param outputFile host file that the process's stdout and stderr are appended to directly, or {@code null} to
 *     read them from {@link SandboxedProcess#stdout()} and {@link SandboxedProcess#stderr()}
 * @param links symbolic links created in the sandbox's own root, by absolute path, to absolute targets as seen
 *     inside (such as {@code /node_modules} to {@code /var/runtime/node_modules}); sandboxes without a root of their
 *     own ignore them
 * @param network the instance's own network namespace, joined before the sandbox starts, or {@code null} to share
 *     the host's network; only a bubblewrap sandbox in root mode joins one
 */
public record SandboxSpec(
        String instanceId,
        Path taskRoot,
        Path runtimeDir,
        Path optDir,
        List<String> argv,
        Map<String, String> environment,
        int memoryLimitMb,
        int ephemeralStorageMb,
        int maxProcesses,
        List<Path> readOnlyHostPaths,
        SandboxUser user,
        Path outputFile,
        Map<String, String> links,
        InstanceNetwork network) {

    private static final Pattern INSTANCE_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    /** Validates every component and copies the collections. */
    public SandboxSpec {
        Objects.requireNonNull(instanceId, "instanceId");
        if (!INSTANCE_ID.matcher(instanceId).matches()) {
            throw new IllegalArgumentException("instance id must match " + INSTANCE_ID + ": " + instanceId);
        }
        requireAbsolute(taskRoot, "taskRoot");
        if (runtimeDir != null) {
            requireAbsolute(runtimeDir, "runtimeDir");
        }
        if (optDir != null) {
            requireAbsolute(optDir, "optDir");
        }
        argv = List.copyOf(argv);
        if (argv.isEmpty() || !argv.getFirst().startsWith("/")) {
            throw new IllegalArgumentException("argv must start with an absolute executable path: " + argv);
        }
        environment = Map.copyOf(environment);
        environment.forEach(SandboxSpec::requireVariable);
        requirePositive(memoryLimitMb, "memoryLimitMb");
        requirePositive(ephemeralStorageMb, "ephemeralStorageMb");
        requirePositive(maxProcesses, "maxProcesses");
        readOnlyHostPaths = List.copyOf(readOnlyHostPaths);
        readOnlyHostPaths.forEach(path -> requireAbsolute(path, "readOnlyHostPaths"));
        Objects.requireNonNull(user, "user");
        if (outputFile != null) {
            requireAbsolute(outputFile, "outputFile");
        }
        links = Map.copyOf(links);
        links.forEach((link, target) -> {
            requireAbsolute(Path.of(link), "links");
            requireAbsolute(Path.of(target), "links");
        });
    }

    /** Starts a spec with Lambda's defaults: 128 MB, 512 MB of {@code /tmp}, 1024 processes, uid 993. */
    public static Builder builder(String instanceId, Path taskRoot) {
        return new Builder(instanceId, taskRoot);
    }

    /** The memory limit in bytes. */
    public long memoryLimitBytes() {
        return memoryLimitMb * 1024L * 1024L;
    }

    /** The size of {@code /tmp} in bytes. */
    public long ephemeralStorageBytes() {
        return ephemeralStorageMb * 1024L * 1024L;
    }

    private static void requireAbsolute(Path path, String name) {
        Objects.requireNonNull(path, name);
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException(name + " must be absolute: " + path);
        }
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireVariable(String name, String value) {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("invalid environment variable name: " + name);
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("environment variable " + name + " contains a NUL character");
        }
    }

    /** A mutable builder of {@link SandboxSpec}; not thread-safe. */
    public static final class Builder {
        private final String instanceId;
        private final Path taskRoot;
        private Path runtimeDir;
        private Path optDir;
        private List<String> argv = List.of();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private int memoryLimitMb = 128;
        private int ephemeralStorageMb = 512;
        private int maxProcesses = 1024;
        private List<Path> readOnlyHostPaths = List.of();
        private SandboxUser user = SandboxUser.LAMBDA;
        private Path outputFile;
        private final Map<String, String> links = new LinkedHashMap<>();
        private InstanceNetwork network;

        private Builder(String instanceId, Path taskRoot) {
            this.instanceId = instanceId;
            this.taskRoot = taskRoot;
        }

        /** Sets the host directory mounted at {@code /var/runtime}. */
        public Builder runtimeDir(Path dir) {
            this.runtimeDir = dir;
            return this;
        }

        /** Sets the host directory mounted at {@code /opt}. */
        public Builder optDir(Path dir) {
            this.optDir = dir;
            return this;
        }

        /** Sets the command. */
        public Builder argv(String... command) {
            this.argv = List.of(command);
            return this;
        }

        /** Sets the command. */
        public Builder argv(List<String> command) {
            this.argv = List.copyOf(command);
            return this;
        }

        /** Adds one environment variable. */
        public Builder env(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** Adds environment variables. */
        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** Sets the memory limit in MiB. */
        public Builder memoryLimitMb(int mb) {
            this.memoryLimitMb = mb;
            return this;
        }

        /** Sets the size of {@code /tmp} in MiB. */
        public Builder ephemeralStorageMb(int mb) {
            this.ephemeralStorageMb = mb;
            return this;
        }

        /** Sets the maximum number of processes and threads. */
        public Builder maxProcesses(int count) {
            this.maxProcesses = count;
            return this;
        }

        /** Sets the host paths exposed read-only at the same path. */
        public Builder readOnlyHostPaths(Path... paths) {
            this.readOnlyHostPaths = List.of(paths);
            return this;
        }

        /** Sets the user the function runs as. */
        public Builder user(SandboxUser runAs) {
            this.user = runAs;
            return this;
        }

        /** Appends the process's stdout and stderr to this host file, with no pipe and no reader thread. */
        public Builder outputFile(Path file) {
            this.outputFile = file;
            return this;
        }

        /** Creates a symbolic link at {@code link} in the sandbox's root, pointing at {@code target}. */
        public Builder link(String link, String target) {
            links.put(link, target);
            return this;
        }

        /** Creates these symbolic links, by path, in the sandbox's root. */
        public Builder links(Map<String, String> byPath) {
            links.putAll(byPath);
            return this;
        }

        /** Runs the instance in its own network namespace rather than in the host's network. */
        public Builder network(InstanceNetwork own) {
            this.network = own;
            return this;
        }

        /** Builds and validates the spec. */
        public SandboxSpec build() {
            return new SandboxSpec(instanceId, taskRoot, runtimeDir, optDir, argv, environment, memoryLimitMb,
                    ephemeralStorageMb, maxProcesses, readOnlyHostPaths, user, outputFile, links, network);
        }
    }
}
