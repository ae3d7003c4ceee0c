package dev.gust.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cgroup of one instance on cgroup v2; thread-safe.
 *
 * <p>Without {@code memory.peak} (before Linux 5.19) the peak is the largest {@code memory.current} seen when
 * asked, so it underestimates.
 */
final class CgroupV2Instance implements InstanceCgroup {

    private final Path dir;
    private final AtomicLong largestCurrent = new AtomicLong(-1);
    private final CounterFile peak;
    private final CounterFile current;

    CgroupV2Instance(Path dir) {
        this.dir = dir;
        this.peak = new CounterFile(dir.resolve("memory.peak"));
        this.current = new CounterFile(dir.resolve("memory.current"));
    }

    @Override
    public List<Path> procsFiles() {
        return List.of(dir.resolve("cgroup.procs"));
    }

    @Override
    public List<Path> directories() {
        return List.of(dir);
    }

    @Override
    public boolean outOfMemoryKilled() {
        return CgroupFiles.readKey(dir.resolve("memory.events"), "oom_kill").orElse(0) > 0;
    }

    @Override
    public long peakMemoryBytes() {
        OptionalLong peakBytes = peak.read();
        if (peakBytes.isPresent()) {
            return peakBytes.getAsLong();
        }
        current.read().ifPresent(value -> largestCurrent.accumulateAndGet(value, Math::max));
        return largestCurrent.get();
    }

    @Override
    public void killAll() {
        Path kill = dir.resolve("cgroup.kill");
        try {
            // cgroup.kill (Linux 5.14+) kills every process atomically, also those forking right now.
            if (CgroupFiles.writeIfPresent(kill, "1")) {
                return;
            }
        } catch (IOException e) {
            // fall through to killing the listed processes one by one
        }
        if (Files.exists(dir)) {
            CgroupFiles.killAll(dir.resolve("cgroup.procs"));
        }
    }

    @Override
    public void remove() throws IOException {
        peak.close();
        current.close();
        CgroupFiles.remove(dir);
    }
}
