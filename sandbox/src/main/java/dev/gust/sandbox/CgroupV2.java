package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * cgroup v2: one cgroup per instance under Gust's parent cgroup, which has the memory and pids controllers
 * enabled for its children; immutable and thread-safe.
 *
 * <p>Memory: {@code memory.max}, {@code memory.swap.max=0} (no swapping around the limit) and
 * {@code memory.oom.group=1} (an out-of-memory kill takes the whole instance, as on Lambda). Processes:
 * {@code pids.max}. Out-of-memory kills are read from {@code oom_kill} in {@code memory.events}, the peak from
 * {@code memory.peak} (Linux 5.19+).
 */
final class CgroupV2 extends Cgroups {

    private final Path parent;

    /** @param parent Gust's parent cgroup, with {@code +memory +pids} in its {@code cgroup.subtree_control} */
    CgroupV2(Path parent) {
        this.parent = parent;
    }

    @Override
    public String description() {
        String swap = Files.exists(parent.resolve("memory.swap.max")) ? "memory, no swap" : "memory";
        return "cgroup v2 (" + swap + ", pids) under " + parent;
    }

    @Override
    public boolean enforcing() {
        return true;
    }

    @Override
    List<Path> parents() {
        return List.of(parent);
    }

    @Override
    InstanceCgroup create(String instanceId, long memoryBytes, int maxProcesses) throws IOException {
        Path dir = parent.resolve(instanceId);
        CgroupFiles.createFresh(dir);
        try {
            CgroupFiles.write(dir.resolve("memory.max"), Long.toString(memoryBytes));
            CgroupFiles.writeIfPresent(dir.resolve("memory.swap.max"), "0");
            CgroupFiles.writeIfPresent(dir.resolve("memory.oom.group"), "1");
            CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(maxProcesses));
            return new CgroupV2Instance(dir);
        } catch (IOException | RuntimeException e) {
            try {
                CgroupFiles.remove(dir);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
