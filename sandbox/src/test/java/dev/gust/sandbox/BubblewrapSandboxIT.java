package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs functions in real bubblewrap sandboxes; fails (does not skip) when bubblewrap is missing. */
class BubblewrapSandboxIT {

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static SandboxProbe probe;
    private static BubblewrapSandbox sandbox;

    @TempDir
    Path temp;

    @BeforeAll
    static void createSandbox() {
        probe = SandboxProbe.detect();
        sandbox = BubblewrapSandbox.create(probe);
    }

    private SandboxSpec.Builder python(String script) {
        Path task = TaskRoots.write(temp.resolve("task-" + INSTANCES.get()), Map.of("main.py", script));
        return SandboxSpec.builder("it-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet(), task)
                .argv(TaskRoots.PYTHON, "/var/task/main.py");
    }

    private static void assumeCgroups() {
        assumeTrue(probe.cgroups().enforcing(), "needs writable cgroups: " + probe.cgroups().description());
    }

    @Test
    void processSeesExactlyItsEnvironment() throws IOException {
        Map<String, String> environment = Map.of("PLAIN", "value", "WITH_SPACES", "a b  c",
                "MULTI_LINE", "one\ntwo", "WITH_EQUALS", "x=y", "EMPTY", "");
        SandboxSpec spec = python("").argv("/usr/bin/env", "-0").env(environment).build();

        Run run = Run.of(sandbox, spec);

        Map<String, String> seen = Arrays.stream(run.out().split("\0")).filter(entry -> !entry.isEmpty())
                .collect(Collectors.toMap(entry -> entry.substring(0, entry.indexOf('=')),
                        entry -> entry.substring(entry.indexOf('=') + 1)));
        assertThat(run.exit().status()).as(run.stderr()).isZero();
        assertThat(seen).containsAllEntriesOf(environment).containsEntry("PWD", "/var/task").hasSize(6);
    }

    @Test
    void environmentDoesNotShowInTheHostProcessList() throws Exception {
        SandboxSpec spec = python("import time\nprint('ready', flush=True)\ntime.sleep(60)")
                .env("AWS_SECRET_ACCESS_KEY", "s3cr3t-value").build();
        try (SandboxedProcess process = sandbox.launch(spec)) {
            Output.of(process.stdout()).await("ready"::equals, WAIT);

            String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));

            assertThat(commandLine).contains("bwrap").doesNotContain("s3cr3t-value");
        }
    }

    @Test
    void runsAsTheSandboxUserWithoutCapabilities() throws IOException {
        Run run = Run.of(sandbox, python("""
                import os, socket
                print(os.getuid(), os.getgid(), socket.gethostname())
                print([l for l in open('/proc/self/status') if l.startswith('CapEff')][0].split()[1])
                """).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("993 990 localhost", "0000000000000000");
    }

    @Test
    void runsAsTheUserOfItsSpecOnTheHostToo() throws IOException {
        SandboxUser own = new SandboxUser(1_000_000_042, 1_000_000_042);
        Run run = Run.of(sandbox, python("""
                import os
                print(os.getuid(), os.getgid())
                """).user(own).build());

        assertThat(sandbox.capabilities().distinctHostUsers()).isTrue();
        assertThat(run.stdout()).as(run.stderr()).containsExactly("1000000042 1000000042");
    }

    @Test
    void theUserIsNamedSbxUser1051WithAHomeWhateverItsUid() throws IOException {
        SandboxUser own = new SandboxUser(1_000_000_042, 1_000_000_042);
        Run run = Run.of(sandbox, python("""
                import getpass, grp, os, subprocess
                print(getpass.getuser(), os.path.expanduser('~'), grp.getgrgid(os.getgid()).gr_name)
                print(subprocess.run(['id', '-un'], capture_output=True, text=True).stdout.strip())
                """).user(own).build());

        assertThat(run.stdout()).as(run.stderr())
                .containsExactly("sbx_user1051 /home/sbx_user1051 sbx_user1051", "sbx_user1051");
    }

    @Test
    void taskRootIsReadableButNotWritable() throws IOException {
        Run run = Run.of(sandbox, python("""
                import os
                print(open('/var/task/main.py').readline().strip())
                for path in ['/var/task/new.py', '/var/task/main.py', '/new', '/usr/new', '/etc/new']:
                    try:
                        open(path, 'w')
                        print(path, 'writable')
                    except OSError as e:
                        print(path, 'refused')
                """).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("import os", "/var/task/new.py refused",
                "/var/task/main.py refused", "/new refused", "/usr/new refused", "/etc/new refused");
    }

    @Test
    void layersAreReadableAtOptButNotWritable() throws IOException {
        Path opt = TaskRoots.write(temp.resolve("merged-layers"), Map.of("layer.txt", "from the layers"));
        Run run = Run.of(sandbox, python("""
                print(open('/opt/layer.txt').read())
                for path in ['/opt/new.txt', '/opt/layer.txt']:
                    try:
                        open(path, 'w')
                        print(path, 'writable')
                    except OSError as e:
                        print(path, 'refused')
                """).optDir(opt).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("from the layers", "/opt/new.txt refused",
                "/opt/layer.txt refused");
    }

    @Test
    void tmpIsWritableAndBoundedByTheEphemeralStorageSize() throws IOException {
        Run run = Run.of(sandbox, python("""
                import errno
                written = 0
                try:
                    with open('/tmp/big', 'wb') as f:
                        for _ in range(64):
                            f.write(b'x' * (1024 * 1024))
                            f.flush()
                            written += 1
                    print('no limit', written)
                except OSError as e:
                    print(errno.errorcode[e.errno], written)
                """).ephemeralStorageMb(8).memoryLimitMb(256).build());

        assertThat(run.stdout()).as(run.stderr()).hasSize(1);
        String[] words = run.stdout().getFirst().split(" ");
        assertThat(words[0]).isEqualTo("ENOSPC");
        assertThat(Integer.parseInt(words[1])).isBetween(6, 8);
    }

    @Test
    void tmpIsPrivateToEachInstance() throws Exception {
        SandboxSpec writer = python("""
                import time
                open('/tmp/mine', 'w').write('secret')
                print('written', flush=True)
                time.sleep(60)
                """).build();
        try (SandboxedProcess first = sandbox.launch(writer)) {
            Output.of(first.stdout()).await("written"::equals, WAIT);

            Run second = Run.of(sandbox, python("import os\nprint(os.listdir('/tmp'))").build());

            assertThat(second.stdout()).as(second.stderr()).containsExactly("[]");
        }
    }

    @Test
    void hostPathsOutsideTheMountsAreInvisible() throws IOException {
        Path dataDir = TaskRoots.write(Path.of("target", "it-data-" + ProcessHandle.current().pid())
                .toAbsolutePath(), Map.of("gust.db", "secret"));
        Path otherCode = TaskRoots.write(temp.resolve("other-function"), Map.of("other.py", "secret"));

        Run run = Run.of(sandbox, python("""
                import os, sys
                for path in sys.argv[1:]:
                    print(path, os.path.exists(path))
                """).argv(TaskRoots.PYTHON, "/var/task/main.py", dataDir.toString(), otherCode.toString(),
                "/work", "/root", "/home", "/sys", "/etc/shadow", "/etc/ssl/private", "/run", "/etc/hosts").build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly(dataDir + " False", otherCode + " False",
                "/work False", "/root False", "/home False", "/sys False", "/etc/shadow False",
                "/etc/ssl/private False", "/run False", "/etc/hosts True");
        TaskRoots.delete(dataDir);
    }

    @Test
    void cannotChangeKernelSettingsOfTheHost() throws IOException {
        Run run = Run.of(sandbox, python("""
                try:
                    value = open('/proc/sys/vm/swappiness').read()
                    open('/proc/sys/vm/swappiness', 'w').write(value)
                    print('changed')
                except OSError as e:
                    print('refused')
                """).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("refused");
    }

    @Test
    void processListShowsOnlyTheSandboxsOwnProcesses() throws IOException {
        Run run = Run.of(sandbox, python("""
                import os
                print(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
                print(os.getpid())
                print(open('/proc/1/cmdline', 'rb').read().split(b'\\0')[0].decode().endswith('/bwrap'))
                """).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("[1, 2]", "2", "True");
    }

    @Test
    void memoryLimitKillsTheTreeAndReportsOutOfMemory() throws IOException {
        assumeCgroups();
        Run run = Run.of(sandbox, python("""
                chunks = []
                for _ in range(200):
                    chunks.append(b'x' * (1024 * 1024))
                print('survived')
                """).memoryLimitMb(64).build());

        assertThat(run.stdout()).isEmpty();
        assertThat(run.exit().outOfMemory()).isTrue();
        assertThat(run.exit().describe()).isEqualTo("signal: killed");
        assertThat(run.maxMemoryUsedBytes()).isBetween(32L << 20, 66L << 20);
        System.out.printf("out-of-memory run: %s, peak %d MiB%n", run.exit(), run.maxMemoryUsedBytes() >> 20);
    }

    @Test
    void normalExitIsNotOutOfMemoryAndReportsPlausiblePeakMemory() throws IOException {
        Run run = Run.of(sandbox, python("data = b'x' * (20 * 1024 * 1024)\nprint(len(data))").build());

        assertThat(run.exit()).isEqualTo(Exit.of(0, false));
        if (probe.cgroups().enforcing()) {
            assertThat(run.maxMemoryUsedBytes()).isBetween(20L << 20, 128L << 20);
        }
    }

    @Test
    void processLimitStopsAForkLoop() throws IOException {
        assumeCgroups();
        Run run = Run.of(sandbox, python("""
                import os, signal
                children = 0
                try:
                    while children < 200:
                        if os.fork() == 0:
                            signal.pause()
                            os._exit(0)
                        children += 1
                except OSError as e:
                    print('stopped', children, e.errno)
                """).maxProcesses(16).build());

        assertThat(run.stdout()).as(run.stderr()).hasSize(1);
        String[] words = run.stdout().getFirst().split(" ");
        assertThat(words[0]).isEqualTo("stopped");
        assertThat(Integer.parseInt(words[1])).isBetween(10, 15);
        assertThat(words[2]).isEqualTo("11");
    }

    @Test
    void killKillsTheWholeTreeIncludingGrandchildren() throws Exception {
        SandboxSpec spec = python("""
                import subprocess, time
                subprocess.Popen(['/bin/sh', '-c', '/usr/bin/sleep 600 & wait'])
                time.sleep(0.3)
                print('ready', flush=True)
                time.sleep(600)
                """).build();
        try (SandboxedProcess process = sandbox.launch(spec)) {
            Output.of(process.stdout()).await("ready"::equals, WAIT);
            ProcessHandle sleeper = ProcessHandle.of(process.pid()).orElseThrow().descendants()
                    .filter(handle -> handle.info().command().orElse("").endsWith("sleep")).findFirst()
                    .orElseThrow();

            process.kill();
            Exit exit = process.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);

            sleeper.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(sleeper.isAlive()).isFalse();
            assertThat(exit.signal()).hasValue(9);
            assertThat(exit.outOfMemory()).isFalse();
        }
    }

    @Test
    void survivesTheEndOfTheThreadThatLaunchedIt() throws Exception {
        SandboxSpec spec = python("import time\ntime.sleep(1.5)\nprint('still alive')").build();
        CompletableFuture<SandboxedProcess> launched = new CompletableFuture<>();
        Thread launcher = Thread.ofPlatform().start(() -> {
            try {
                launched.complete(sandbox.launch(spec));
                Thread.sleep(300);
            } catch (IOException | InterruptedException e) {
                launched.completeExceptionally(e);
            }
        });
        launcher.join();

        try (SandboxedProcess process = launched.get()) {
            Output stdout = Output.of(process.stdout());

            assertThat(process.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Exit.of(0, false));
            assertThat(stdout.all(WAIT)).containsExactly("still alive");
        }
    }

    @Test
    void launchesManyInstancesConcurrently() throws Exception {
        List<CompletableFuture<Run>> runs = IntStream.range(0, 12).mapToObj(i -> python("print(" + i + ")").build())
                .map(spec -> CompletableFuture.supplyAsync(() -> {
                    try {
                        return Run.of(sandbox, spec);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();

        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i).get(60, TimeUnit.SECONDS);
            assertThat(run.stdout()).as(run.stderr()).containsExactly(Integer.toString(i));
        }
    }

    @Test
    void reachesATcpServerOnTheHostsLoopback() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            Run run = Run.of(sandbox, python("""
                    import os, socket
                    with socket.create_connection(('127.0.0.1', int(os.environ['PORT'])), timeout=5) as s:
                        s.sendall(b'hello from the sandbox')
                    """).env("PORT", Integer.toString(server.getLocalPort())).build());

            assertThat(run.exit().status()).as(run.stderr()).isZero();
            assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("hello from the sandbox");
        }
    }

    @Test
    void resolvesNamesAndTrustsTheHostsCertificateAuthorities() throws IOException {
        Run run = Run.of(sandbox, python("""
                import socket, ssl, time
                print(socket.gethostbyname('localhost'))
                print(ssl.create_default_context().cert_store_stats()['x509_ca'] > 10)
                print(time.tzname[0] != '')
                """).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("127.0.0.1", "True", "True");
    }

    @Test
    void runtimeOptAndExtraHostPathsAreMountedReadOnly() throws IOException {
        Path runtime = TaskRoots.write(temp.resolve("runtime"), Map.of("bootstrap.py", "print('runtime')"));
        Path opt = TaskRoots.write(temp.resolve("layers"), Map.of("layer.txt", "layer"));
        // outside /tmp, which the sandbox replaces (the build dir itself may lie under /tmp)
        Path extra = TaskRoots.write(Path.of("/var/tmp", "gust-it-extra-" + ProcessHandle.current().pid()),
                Map.of("tool.txt", "tool"));

        Run run = Run.of(sandbox, python("""
                import sys
                exec(open('/var/runtime/bootstrap.py').read())
                print(open('/opt/layer.txt').read())
                print(open(sys.argv[1] + '/tool.txt').read())
                try:
                    open('/opt/new', 'w')
                except OSError:
                    print('read-only')
                """).argv(TaskRoots.PYTHON, "/var/task/main.py", extra.toString())
                .runtimeDir(runtime).optDir(opt).readOnlyHostPaths(extra, Path.of("/usr/lib/jvm")).build());

        assertThat(run.stdout()).as(run.stderr()).containsExactly("runtime", "layer", "tool", "read-only");
        TaskRoots.delete(extra);
    }

    @Test
    void passesTheExitStatusAndStderrThrough() throws IOException {
        Run run = Run.of(sandbox, python("import sys\nsys.stderr.write('bad things\\n')\nsys.exit(3)").build());

        assertThat(run.exit()).isEqualTo(Exit.of(3, false));
        assertThat(run.exit().describe()).isEqualTo("exit status 3");
        assertThat(run.stderr()).isEqualTo("bad things");
    }

    @Test
    void closeRemovesTheInstancesCgroups() throws Exception {
        assumeCgroups();
        SandboxSpec spec = python("import time\nprint('ready', flush=True)\ntime.sleep(60)").build();
        List<Path> directories;
        try (SandboxedProcess process = sandbox.launch(spec)) {
            Output.of(process.stdout()).await("ready"::equals, WAIT);
            directories = ((LaunchedProcess) process).cgroup().directories();
            assertThat(directories).isNotEmpty().allMatch(Files::isDirectory);
            assertThat(directories).allMatch(dir -> CgroupFiles.pids(dir.resolve("cgroup.procs")).size() >= 2);
        }

        assertThat(directories).noneMatch(Files::exists);
    }

    @Test
    void launchRefusesAMissingTaskRootAndLeavesNoCgroup() {
        Path missing = temp.resolve("missing");
        SandboxSpec spec = SandboxSpec.builder("it-missing-" + ProcessHandle.current().pid(), missing)
                .argv(TaskRoots.PYTHON).build();

        assertThatThrownBy(() -> sandbox.launch(spec)).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void requiresBubblewrap() {
        SandboxProbe withoutBubblewrap = new SandboxProbe(Optional.empty(), probe.setpriv(), probe.root(),
                Cgroups.none("test"));

        assertThatThrownBy(() -> BubblewrapSandbox.create(withoutBubblewrap))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("apt install bubblewrap");
    }

    @Test
    void capabilitiesNameBubblewrapAndTheLimits() {
        SandboxCapabilities capabilities = sandbox.capabilities();

        System.out.println("capabilities: " + capabilities.description());
        assertThat(capabilities.isolated()).isTrue();
        assertThat(capabilities.description()).startsWith("bubblewrap " + probe.bubblewrap().orElseThrow().version())
                .contains(probe.cgroups().description());
    }

    @Test
    void outputGoesStraightToTheOutputFileAfterWhatItHeld() throws Exception {
        Run.assertOutputGoesTo(temp.resolve("stream.log"), sandbox, python(Run.PRINTS_TO_BOTH));
    }

    @Test
    void outputReadThroughAPipeCanOnlyBeAppendedTo() throws Exception {
        Run.assertOutputIsAppendOnly(sandbox, python(Run.TAMPERS_WITH_STDOUT));
    }
}
