package dev.gust.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A burst of concurrent invocations that fail in every way an instance can (a crash at init, an init that never
 * ends, a handler timeout, an exit mid-invocation) mixed with good ones, then a drain: no instance, no process and
 * no cgroup of the server may remain.
 */
class LeftoversIT {

    /** The parent cgroup in the server's sandbox description: {@code ... under /sys/fs/cgroup/.../gust}. */
    private static final Pattern CGROUP_PARENT = Pattern.compile("under (/\\S+)");

    @TempDir
    static Path dataDir;
    static TestServer server;
    static TestFunctions functions;
    /** Where this server puts its instances' cgroups (the memory hierarchy's, on cgroup v1), if it uses cgroups. */
    static Optional<Path> cgroupParent;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir, Map.of("GUST_CONCURRENCY", "200"));
        functions = server.functions();
        Matcher parent = CGROUP_PARENT.matcher(server.gust().health().get("engine").get("sandbox").asText());
        cgroupParent = parent.find() ? Optional.of(Path.of(parent.group(1))) : Optional.empty();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void aBurstOfFailingInvocationsThenADrainLeavesNothingBehind() throws Exception {
        Map<String, Runnable> kinds = Map.of(
                "crash-at-init", () -> functions.create("crash-at-init", "nodejs20.x", "index.handler",
                        Map.of("index.js", "process.exit(3);\n")),
                "hang-at-init", () -> functions.create("hang-at-init", "provided.al2023", "h",
                        TestZips.executable("bootstrap", "#!/bin/sh\nexec sleep 100000\n"), b -> b.timeout(1)),
                "times-out", () -> functions.create("times-out", "python3.12", "lambda_function.lambda_handler",
                        Map.of("lambda_function.py", "import time\ndef lambda_handler(e, c):\n    time.sleep(30)\n"),
                        b -> b.timeout(1)),
                "exits", () -> functions.create("exits", "python3.12", "lambda_function.lambda_handler",
                        Map.of("lambda_function.py", "import os\ndef lambda_handler(e, c):\n    os._exit(2)\n")),
                "works", () -> functions.create("works", "python3.12", "lambda_function.lambda_handler",
                        Map.of("lambda_function.py", "def lambda_handler(e, c):\n    return 'ok'\n")));
        kinds.values().forEach(Runnable::run);
        List<String> names = List.copyOf(kinds.keySet());

        Set<String> cgroupsSeen = ConcurrentHashMap.newKeySet();
        List<Future<InvokeResponse>> invocations = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(40)) {
            for (int i = 0; i < 120; i++) {
                String name = names.get(i % names.size());
                invocations.add(callers.submit(() -> functions.invoke(name, "{}")));
            }
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    cgroupsSeen.addAll(serverCgroups());
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            for (Future<InvokeResponse> invocation : invocations) {
                InvokeResponse response = invocation.get(2, TimeUnit.MINUTES);
                assertThat(response.statusCode()).isEqualTo(200);
            }
            sampler.interrupt();
        }

        if (cgroupParent.isPresent()) {
            assertThat(cgroupsSeen).as("instance cgroups were seen, so their removal is checked").isNotEmpty();
        }
        names.forEach(name -> server.lambda().deleteFunction(b -> b.functionName(name)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        GustProcess gust = server.gust();
        while (gust.instances() != 0 || gust.processes() != 0 || !stillThere(cgroupsSeen).isEmpty()) {
            assertThat(System.nanoTime()).as("after the drain: instances %s, processes %s, cgroups %s",
                    gust.instances(), gust.processes(), stillThere(cgroupsSeen)).isLessThan(deadline);
            Thread.sleep(100);
        }
    }


    /** The instance cgroups that hold a process of this server now. */
    private static Set<String> serverCgroups() {
        Set<Long> pids = ProcessHandle.of(server.gust().pid()).orElseThrow().descendants()
                .map(ProcessHandle::pid).collect(Collectors.toSet());
        Set<String> found = new java.util.HashSet<>();
        for (Path parent : cgroupParent.stream().toList()) {
            try (Stream<Path> children = Files.list(parent)) {
                for (Path child : children.filter(Files::isDirectory).toList()) {
                    try {
                        if (Files.readAllLines(child.resolve("cgroup.procs")).stream()
                                .anyMatch(line -> !line.isBlank() && pids.contains(Long.parseLong(line.trim())))) {
                            found.add(child.toString());
                        }
                    } catch (IOException | NumberFormatException e) {
                        // removed meanwhile
                    }
                }
            } catch (IOException e) {
                // no such hierarchy here
            }
        }
        return found;
    }

    private static Set<String> stillThere(Set<String> cgroups) {
        return cgroups.stream().filter(dir -> Files.isDirectory(Path.of(dir))).collect(Collectors.toSet());
    }
}
