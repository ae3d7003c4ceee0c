package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The cgroups of one instance on cgroup v1: memory, and pids when mounted; thread-safe (the only state is the kept-open peak memory file). */
final class CgroupV1Instance implements InstanceCgroup {

    private final Path memory;
    private final Path pids;
    private final CounterFile peak;

    /** @param pids the pids cgroup, or {@code null} without that controller */
    CgroupV1Instance(Path memory, Path pids) {
        this.memory = memory;
        this.pids = pids;
        this.peak = new CounterFile(memory.resolve("memory.max_usage_in_bytes"));
    }

    @Override
    public List<Path> procsFiles() {
        return directories().stream().map(dir -> dir.resolve("cgroup.procs")).toList();
    }

    @Override
    public List<Path> directories() {
        return pids == null ? List.of(memory) : List.of(memory, pids);
    }

    @Override
    public boolean outOfMemoryKilled() {
        OptionalLong kills = CgroupFiles.readKey(memory.resolve("memory.oom_control"), "oom_kill");
        if (kills.isPresent()) {
            return kills.getAsLong() > 0;
        }
        // Before Linux 4.13 there is no kill counter; hitting the limit is the best available sign.
        return CgroupFiles.readNumber(memory.resolve("memory.failcnt")).orElse(0) > 0;
    }

    @Override
    public long peakMemoryBytes() {
        return peak.read().orElse(-1);
    }

    @Override
    public void killAll() {
        CgroupFiles.killAll(memory.resolve("cgroup.procs"));
    }

    @Override
    public void remove() throws IOException {
        peak.close();
        List<IOException> failures = new ArrayList<>();
        for (Path dir : directories()) {
            try {
                CgroupFiles.remove(dir);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IOException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }
}
