package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the cgroup hierarchy of this process and prepares Gust's parent cgroup {@code gust} in it; used once
 * at startup, not thread-safe.
 *
 * <p>Order: cgroup v2 when its hierarchy offers the memory and pids controllers, else cgroup v1 when the memory
 * controller is mounted, else none. The parent cgroup is nested in this process's own cgroup where it may be. On
 * v2 a cgroup that holds processes cannot enable controllers for its children ("no internal processes"), so the
 * parent is, in this order: {@code <own>/gust} when the own cgroup already enables both controllers for its
 * children (prepared by whoever delegated it); {@code <own>/gust} after moving the processes of the own cgroup into
 * {@code <own>/gust-server} when the own cgroup is delegated ({@link CgroupDelegation}: a systemd unit or scope
 * with {@code Delegate=yes}) or is the root of the visible hierarchy (a container's cgroup namespace);
 * {@code <hierarchy root>/gust} when writable (root on a host); else none, with the fix in the reason. A cgroup
 * that is not delegated is never rearranged: it may hold the user's shell.
 */
final class CgroupProbe {

    private static final List<String> V2_CONTROLLERS = List.of("memory", "pids");

    private final Path root;
    private final List<String> controllers;

    /** @param root the host's root directory; tests pass a fake one holding {@code proc/self} and cgroupfs */
    CgroupProbe(Path root) {
        this(root, V2_CONTROLLERS);
    }

    /**
     * @param controllers the v2 controllers required and delegated; a test on a host whose memory and pids
     *     controllers are bound to v1 stands in another one
     */
    CgroupProbe(Path root, List<String> controllers) {
        this.root = root;
        this.controllers = List.copyOf(controllers);
    }

    /** Detects and prepares; never throws: a failure becomes {@link NoCgroups} with the reason. */
    Cgroups detect() {
        try {
            List<CgroupMount> mounts = CgroupMount.parse(Files.readAllLines(root.resolve("proc/self/mountinfo")));
            Map<String, String> membership = membership(Files.readAllLines(root.resolve("proc/self/cgroup")));
            Optional<CgroupMount> v2 = mounts.stream().filter(mount -> mount.version() == 2).findFirst();
            if (v2.isPresent() && membership.containsKey("")) {
                Path own = host(v2.get().directoryOf(membership.get("")));
                if (tokens(own.resolve("cgroup.controllers")).containsAll(controllers)) {
                    return prepareV2(host(v2.get().mountPoint()), own);
                }
            }
            Optional<CgroupMount> memory = v1("memory", mounts);
            if (memory.isPresent()) {
                return prepareV1(memory.get(), v1("pids", mounts), membership);
            }
            return Cgroups.none(v2.isPresent() ? "cgroup v2 without the memory and pids controllers"
                    : "no memory cgroup controller mounted");
        } catch (IOException | RuntimeException e) {
            return Cgroups.none("cgroups unavailable: " + e);
        }
    }

    private Cgroups prepareV1(CgroupMount memory, Optional<CgroupMount> pids, Map<String, String> membership) {
        Path memoryParent = host(memory.directoryOf(membership.getOrDefault("memory", "/"))).resolve("gust");
        try {
            Files.createDirectories(memoryParent);
        } catch (IOException e) {
            return Cgroups.none("cannot create " + memoryParent + ": " + e.getClass().getSimpleName());
        }
        if (!Files.isWritable(memoryParent)) {
            return Cgroups.none(memoryParent + " is not writable");
        }
        Path pidsParent = pids.map(mount -> host(mount.directoryOf(membership.getOrDefault("pids", "/")))
                .resolve("gust")).filter(CgroupProbe::creatable).orElse(null);
        return new CgroupV1(memoryParent, pidsParent);
    }

    private Cgroups prepareV2(Path hierarchyRoot, Path own) {
        if (tokens(own.resolve("cgroup.subtree_control")).containsAll(controllers) && delegate(own)) {
            return new CgroupV2(own.resolve("gust"));
        }
        if (hierarchyRoot.equals(own) || CgroupDelegation.marked(own)) {
            try {
                evacuate(own);
                CgroupFiles.write(own.resolve("cgroup.subtree_control"), enabling());
            } catch (IOException e) {
                return Cgroups.none("cannot delegate the " + String.join(" and ", controllers) + " controllers of "
                        + own + ": " + e);
            }
            return delegate(own) ? new CgroupV2(own.resolve("gust"))
                    : Cgroups.none("cannot create " + own.resolve("gust"));
        }
        if (delegate(hierarchyRoot)) {
            return new CgroupV2(hierarchyRoot.resolve("gust"));
        }
        return Cgroups.none(own + " is not delegated to Gust; start it in a delegated cgroup: "
                + "systemd-run --user --scope -p Delegate=yes ./gust server");
    }

    private String enabling() {
        return "+" + String.join(" +", controllers);
    }

    /** Creates {@code <cgroup>/gust} and enables the controllers for its children; returns success. */
    private boolean delegate(Path cgroup) {
        Path parent = cgroup.resolve("gust");
        try {
            Files.createDirectories(parent);
            if (!tokens(parent.resolve("cgroup.subtree_control")).containsAll(controllers)) {
                CgroupFiles.write(parent.resolve("cgroup.subtree_control"), enabling());
            }
            return Files.isWritable(parent);
        } catch (IOException e) {
            return false;
        }
    }

    /** Moves every process of {@code cgroup} into its child {@code gust-server}, so it may delegate. */
    private static void evacuate(Path cgroup) throws IOException {
        Path server = cgroup.resolve("gust-server");
        Files.createDirectories(server);
        for (long pid : CgroupFiles.pids(cgroup.resolve("cgroup.procs"))) {
            try {
                CgroupFiles.write(server.resolve("cgroup.procs"), Long.toString(pid));
            } catch (IOException e) {
                if (ProcessHandle.of(pid).isPresent()) {
                    throw e;
                }
            }
        }
    }

    private static boolean creatable(Path dir) {
        try {
            Files.createDirectories(dir);
            return Files.isWritable(dir);
        } catch (IOException e) {
            return false;
        }
    }

    private Path host(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    private static Optional<CgroupMount> v1(String controller, List<CgroupMount> mounts) {
        return mounts.stream().filter(mount -> mount.version() == 1 && mount.controllers().contains(controller))
                .findFirst();
    }

    /** Maps each v1 controller to this process's cgroup path; the v2 path is under the key {@code ""}. */
    private static Map<String, String> membership(List<String> lines) {
        Map<String, String> paths = new HashMap<>();
        for (String line : lines) {
            String[] parts = line.split(":", 3);
            if (parts.length == 3) {
                for (String controller : parts[1].split(",")) {
                    paths.put(controller, parts[2]);
                }
            }
        }
        return paths;
    }

    private static Set<String> tokens(Path file) {
        try {
            return Set.of(Files.readString(file).trim().replace("+", "").split("\\s+"));
        } catch (IOException | IllegalArgumentException e) {
            return Set.of();
        }
    }
}
