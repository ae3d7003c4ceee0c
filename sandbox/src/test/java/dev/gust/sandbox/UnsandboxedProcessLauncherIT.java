package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs functions as plain processes ({@code --sandbox=none}) with the host's cgroups. */
class UnsandboxedProcessLauncherIT {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private static Cgroups cgroups;
    private static UnsandboxedProcessLauncher launcher;

    @TempDir
    Path temp;

    @BeforeAll
    static void createLauncher() {
        cgroups = Cgroups.detect();
        launcher = new UnsandboxedProcessLauncher(cgroups);
    }

    private SandboxSpec.Builder python(String script) {
        Path task = TaskRoots.write(temp.resolve("task-" + INSTANCES.get()), Map.of("main.py", script));
        return SandboxSpec.builder("it-none-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet(),
                task).argv(TaskRoots.PYTHON, "/var/task/main.py");
    }

    @Test
    void runsWithTheSpecsEnvironmentOnlyAndSandboxPathsRewritten() throws IOException {
        Run run = Run.of(launcher, python("""
                import os
                print(os.getcwd() == os.environ['LAMBDA_TASK_ROOT'])
                print(sorted(k for k in os.environ if k not in ('LC_CTYPE', 'PWD')))
                print(os.environ['PATH_LIKE'].count(os.environ['LAMBDA_TASK_ROOT']))
                """).env(Map.of("LAMBDA_TASK_ROOT", "/var/task", "PATH_LIKE", "/var/task/bin:/usr/bin:/var/task"))
                .build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("True", "['LAMBDA_TASK_ROOT', 'PATH_LIKE']", "2");
    }

    @Test
    void memoryLimitKillsAndReportsOutOfMemory() throws IOException {
        assumeTrue(cgroups.enforcing(), cgroups.description());
        Run run = Run.of(launcher, python("data = [b'x' * (1024 * 1024) for _ in range(200)]").memoryLimitMb(64)
                .build());

        assertThat(run.exit().outOfMemory()).isTrue();
        assertThat(run.maxMemoryUsedBytes()).isBetween(32L << 20, 66L << 20);
    }

    @Test
    void killKillsTheTreeIncludingGrandchildren() throws Exception {
        SandboxSpec spec = python("""
                import subprocess, time
                subprocess.Popen(['/bin/sh', '-c', '/usr/bin/sleep 600 & wait'])
                time.sleep(0.3)
                print('ready', flush=True)
                time.sleep(600)
                """).build();
        try (SandboxedProcess process = launcher.launch(spec)) {
            Output.of(process.stdout()).await("ready"::equals, Run.TIMEOUT);
            ProcessHandle sleeper = ProcessHandle.of(process.pid()).orElseThrow().descendants()
                    .filter(handle -> handle.info().command().orElse("").endsWith("sleep")).findFirst()
                    .orElseThrow();

            process.kill();

            assertThat(process.onExit().get(20, TimeUnit.SECONDS).signal()).hasValue(9);
            sleeper.onExit().get(20, TimeUnit.SECONDS);
            assertThat(sleeper.isAlive()).isFalse();
        }
    }

    @Test
    void closeKillsOrphansAndRemovesTheCgroup() throws Exception {
        assumeTrue(cgroups.enforcing(), cgroups.description());
        SandboxSpec spec = python("""
                import subprocess
                subprocess.Popen(['/usr/bin/sleep', '600'], start_new_session=True)
                print('spawned', flush=True)
                """).build();
        List<Path> directories;
        long orphans;
        try (SandboxedProcess process = launcher.launch(spec)) {
            Output.of(process.stdout()).await("spawned"::equals, Run.TIMEOUT);
            process.onExit().get(20, TimeUnit.SECONDS);
            directories = ((LaunchedProcess) process).cgroup().directories();
            orphans = CgroupFiles.pids(directories.getFirst().resolve("cgroup.procs")).size();
        }

        assertThat(orphans).isEqualTo(1);
        assertThat(directories).noneMatch(Files::exists);
    }

    @Test
    void capabilitiesSayThereIsNoIsolation() {
        assertThat(launcher.capabilities().isolated()).isFalse();
        assertThat(launcher.capabilities().description()).startsWith("NONE: functions run without isolation; ");
    }

    @Test
    void outputGoesStraightToTheOutputFileAfterWhatItHeld() throws Exception {
        Run.assertOutputGoesTo(temp.resolve("stream.log"), launcher, python(Run.PRINTS_TO_BOTH));
    }

    @Test
    void outputReadThroughAPipeCanOnlyBeAppendedTo() throws Exception {
        Run.assertOutputIsAppendOnly(launcher, python(Run.TAMPERS_WITH_STDOUT));
    }
}
