package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * cgroup v1: one cgroup per instance under the memory hierarchy and, when mounted, the pids hierarchy;
 * immutable and thread-safe.
 *
 * <p>Memory: {@code memory.limit_in_bytes}, and {@code memory.memsw.limit_in_bytes} set to the same value when
 * swap accounting exists, so that swapping cannot stretch the limit. Out-of-memory kills are read from
 * {@code oom_kill} in {@code memory.oom_control} (Linux 4.13+), else inferred from {@code memory.failcnt}.
 */
final class CgroupV1 extends Cgroups {

    private final Path memoryParent;
    private final Path pidsParent;

    /**
     * @param memoryParent Gust's parent cgroup in the memory hierarchy; must exist
     * @param pidsParent Gust's parent cgroup in the pids hierarchy, or {@code null} without that controller
     */
    CgroupV1(Path memoryParent, Path pidsParent) {
        this.memoryParent = memoryParent;
        this.pidsParent = pidsParent;
    }

    @Override
    public String description() {
        String memory = Files.exists(memoryParent.resolve("memory.memsw.limit_in_bytes")) ? "memory+swap" : "memory";
        String pids = pidsParent != null ? ", pids" : "; no pids controller: process limit not enforced";
        return "cgroup v1 (" + memory + pids + ") under " + memoryParent;
    }

    @Override
    public boolean enforcing() {
        return true;
    }

    @Override
    List<Path> parents() {
        return pidsParent == null ? List.of(memoryParent) : List.of(memoryParent, pidsParent);
    }

    @Override
    InstanceCgroup create(String instanceId, long memoryBytes, int maxProcesses) throws IOException {
        Path memory = memoryParent.resolve(instanceId);
        CgroupFiles.createFresh(memory);
        List<Path> created = new ArrayList<>(List.of(memory));
        try {
            CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
            CgroupFiles.writeIfPresent(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(memoryBytes));
            Path pids = null;
            if (pidsParent != null) {
                pids = pidsParent.resolve(instanceId);
                CgroupFiles.createFresh(pids);
                created.add(pids);
                CgroupFiles.write(pids.resolve("pids.max"), Integer.toString(maxProcesses));
            }
            return new CgroupV1Instance(memory, pids);
        } catch (IOException | RuntimeException e) {
            for (Path dir : created) {
                try {
                    CgroupFiles.remove(dir);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }
}
