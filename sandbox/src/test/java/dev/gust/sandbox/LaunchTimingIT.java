package dev.gust.sandbox;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints (never asserts) the wall time to launch {@code /bin/true} and see it exit, plain and sandboxed; the
 * numbers go into {@code docs/design/sandbox.md}.
 */
class LaunchTimingIT {

    private static final int WARM_UP = 10;
    private static final int RUNS = 50;

    @TempDir
    Path temp;

    @Test
    void printsLaunchTimings() throws Exception {
        SandboxProbe probe = SandboxProbe.detect();
        Path task = TaskRoots.write(temp.resolve("task"), Map.of());
        Sandbox withCgroups = BubblewrapSandbox.create(probe);
        Sandbox withoutCgroups = BubblewrapSandbox.create(new SandboxProbe(probe.bubblewrap(), probe.setpriv(),
                probe.root(), Cgroups.none("timing")));
        Sandbox unsandboxed = new UnsandboxedProcessLauncher(probe.cgroups());

        System.out.printf("launch+exit of /bin/true, %d runs after %d warm-up; %s%n", RUNS, WARM_UP,
                probe.describe());
        long[] plain = plain();
        long[] none = sandboxed("UnsandboxedProcessLauncher, cgroups", unsandboxed, task);
        long[] bubblewrap = sandboxed("BubblewrapSandbox, no cgroups", withoutCgroups, task);
        long[] both = sandboxed("BubblewrapSandbox, cgroups", withCgroups, task);
        print("ProcessBuilder, plain", plain);
        print("UnsandboxedProcessLauncher, cgroups", none);
        print("BubblewrapSandbox, no cgroups (ulimit)", bubblewrap);
        print("BubblewrapSandbox, cgroups", both);
    }

    private static long[] plain() throws Exception {
        long[] nanos = new long[RUNS];
        for (int run = -WARM_UP; run < RUNS; run++) {
            long start = System.nanoTime();
            new ProcessBuilder("/bin/true").start().onExit().get(10, TimeUnit.SECONDS);
            if (run >= 0) {
                nanos[run] = System.nanoTime() - start;
            }
        }
        return nanos;
    }

    private static long[] sandboxed(String name, Sandbox sandbox, Path task) throws Exception {
        long[] nanos = new long[RUNS];
        long[] closing = new long[RUNS];
        for (int run = -WARM_UP; run < RUNS; run++) {
            SandboxSpec spec = SandboxSpec.builder("timing-" + (run + WARM_UP), task).argv("/bin/true").build();
            long start = System.nanoTime();
            SandboxedProcess process = sandbox.launch(spec);
            process.onExit().get(10, TimeUnit.SECONDS);
            long exited = System.nanoTime();
            process.close();
            if (run >= 0) {
                nanos[run] = exited - start;
                closing[run] = System.nanoTime() - exited;
            }
        }
        System.out.printf("  %-40s close() after the exit: avg %.2f ms%n", name,
                Arrays.stream(closing).average().orElse(0) / 1e6);
        return nanos;
    }

    private static void print(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-40s avg %6.2f ms  p50 %6.2f ms  p95 %6.2f ms%n", name,
                Arrays.stream(nanos).average().orElse(0) / 1e6, sorted[RUNS / 2] / 1e6, sorted[RUNS * 95 / 100] / 1e6);
    }
}
