package dev.gust.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The mount options of one bubblewrap command, in order; creates missing parent directories explicitly with
 * mode 0755 (bubblewrap would create them 0700, unreadable for the unprivileged sandbox user). Not thread-safe.
 */
final class MountPlan {

    private final List<String> args = new ArrayList<>();
    private final Set<String> directories = new HashSet<>(Set.of("/"));

    /** Binds a host path read-only at {@code destination}. */
    MountPlan readOnly(String source, String destination) {
        parentsOf(destination);
        args.addAll(List.of("--ro-bind", source, destination));
        directories.add(destination);
        return this;
    }

    /** Creates a symbolic link at {@code destination}. */
    MountPlan symlink(String target, String destination) {
        parentsOf(destination);
        args.addAll(List.of("--symlink", target, destination));
        directories.add(destination);
        return this;
    }

    /** Creates a directory (and its parents) with mode 0755. */
    MountPlan directory(String destination) {
        parentsOf(destination);
        if (directories.add(destination)) {
            args.addAll(List.of("--dir", destination));
        }
        return this;
    }

    /** Adds a mount option that creates {@code destination} itself, such as {@code --proc /proc}. */
    MountPlan mount(String destination, String... options) {
        parentsOf(destination);
        args.addAll(List.of(options));
        args.add(destination);
        directories.add(destination);
        return this;
    }

    /** The options so far. */
    List<String> args() {
        return List.copyOf(args);
    }

    private void parentsOf(String destination) {
        int slash = destination.indexOf('/', 1);
        while (slash > 0) {
            String parent = destination.substring(0, slash);
            if (directories.add(parent)) {
                args.addAll(List.of("--dir", parent));
            }
            slash = destination.indexOf('/', slash + 1);
        }
    }
}
