package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.List;

/**
 * No cgroups: nothing is created, limits fall back to {@code RLIMIT_AS} set by the launcher; immutable.
 */
final class NoCgroups extends Cgroups {

    private static final InstanceCgroup NOTHING = new InstanceCgroup() {
        @Override
        public List<Path> procsFiles() {
            return List.of();
        }

        @Override
        public List<Path> directories() {
            return List.of();
        }

        @Override
        public boolean outOfMemoryKilled() {
            return false;
        }

        @Override
        public long peakMemoryBytes() {
            return -1;
        }

        @Override
        public void killAll() {
        }

        @Override
        public void remove() {
        }
    };

    private final String reason;

    NoCgroups(String reason) {
        this.reason = reason;
    }

    @Override
    List<Path> parents() {
        return List.of();
    }

    @Override
    public String description() {
        return "no cgroups (" + reason + "): memory limited by RLIMIT_AS only, process count not limited";
    }

    @Override
    public boolean enforcing() {
        return false;
    }

    @Override
    InstanceCgroup create(String instanceId, long memoryBytes, int maxProcesses) {
        return NOTHING;
    }
}
