package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real bubblewrap sandboxes as on a host without usable cgroups: limits fall back to RLIMIT_AS. */
class BubblewrapWithoutCgroupsIT {

    private static BubblewrapSandbox sandbox;

    @TempDir
    Path temp;

    @BeforeAll
    static void createSandbox() {
        SandboxProbe detected = SandboxProbe.detect();
        sandbox = BubblewrapSandbox.create(new SandboxProbe(detected.bubblewrap(), detected.setpriv(),
                detected.root(), Cgroups.none("disabled by the test")));
    }

    private SandboxSpec.Builder python(String script) {
        Path task = TaskRoots.write(temp.resolve("task"), Map.of("main.py", script));
        return SandboxSpec.builder("it-nocgroup-" + ProcessHandle.current().pid(), task)
                .argv(TaskRoots.PYTHON, "/var/task/main.py");
    }

    @Test
    void addressSpaceLimitMakesLargeAllocationsFail() throws IOException {
        Run run = Run.of(sandbox, python("""
                try:
                    data = b'x' * (200 * 1024 * 1024)
                    print('allocated')
                except MemoryError:
                    print('MemoryError')
                """).memoryLimitMb(128).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("MemoryError");
        assertThat(run.exit()).isEqualTo(Exit.of(0, false));
    }

    @Test
    void isolationDoesNotDependOnCgroups() throws IOException {
        Run run = Run.of(sandbox, python("""
                import os
                print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()), os.getuid())
                """).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("[1, 2] 993");
    }

    @Test
    void peakMemoryIsABestEffortFromProc() throws Exception {
        SandboxSpec spec = python("""
                import time
                data = b'x' * (30 * 1024 * 1024)
                print('ready', flush=True)
                time.sleep(60)
                """).build();
        try (SandboxedProcess process = sandbox.launch(spec)) {
            Output.of(process.stdout()).await("ready"::equals, Run.TIMEOUT);

            long deadline = System.nanoTime() + Run.TIMEOUT.toNanos(); // each ask samples /proc in the background
            while (process.maxMemoryUsedBytes() < 30L << 20) {
                assertThat(System.nanoTime()).as("a sample of at least 30 MiB in time").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(process.maxMemoryUsedBytes()).isBetween(30L << 20, 128L << 20);
        }
    }

    @Test
    void capabilitiesSayMemoryIsLimitedByRlimitAsOnly() {
        SandboxCapabilities capabilities = sandbox.capabilities();

        assertThat(capabilities.cgroupLimits()).isFalse();
        assertThat(capabilities.description()).contains("no cgroups (disabled by the test)")
                .contains("RLIMIT_AS only");
    }
}
