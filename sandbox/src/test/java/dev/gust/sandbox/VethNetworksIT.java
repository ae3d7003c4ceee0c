package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network namespaces made for real, as root, with the host's lease directory (the one every server uses, so that no
 * sweep here takes a namespace a running server holds) and slots near the end of the range, clear of the servers'
 * own, which are leased from the start.
 */
class VethNetworksIT {

    private static final int FIRST_SLOT = 65_000;
    private static SandboxProbe probe;

    @TempDir
    Path temp;

    @BeforeAll
    static void detect() {
        probe = SandboxProbe.detect();
    }

    private static VethNetworks networks(int first) {
        return VethNetworks.setUp(true, new LeasedRange(first, 100,
                Optional.of(UidLeases.hostDirectory("network-slots"))));
    }

    @Test
    void anInstanceInItsNetworkSeesItsOwnInterfacesAndReachesItsGatewayAndItsNamespaceGoesAtClose() throws Exception {
        assumeTrue(probe.root(), "network namespaces need root");
        VethNetworks networks = networks(FIRST_SLOT);
        InstanceNetwork network = networks.open().orElseThrow();
        try {
            int slot = Integer.parseInt(network.name().substring(3));
            assertThat(slot).isBetween(FIRST_SLOT, FIRST_SLOT + 99);
            assertThat(network).isEqualTo(VethNetworks.network(slot));
            assertThat(network.namespacePath()).exists();
            Path task = TaskRoots.write(temp.resolve("task"), Map.of("main.py", """
                    import socket, sys
                    print(sorted(line.split(":")[0].strip() for line in open("/proc/net/dev").readlines()[2:]))
                    s = socket.socket()
                    s.connect((sys.argv[1], int(sys.argv[2])))
                    print(s.recv(10).decode())
                    """));
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName(network.gatewayAddress()))) {
                Thread.ofVirtual().start(() -> {
                    try (Socket accepted = listener.accept()) {
                        accepted.getOutputStream().write("gateway".getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        // the assertion below reports it
                    }
                });
                Run run = Run.of(BubblewrapSandbox.create(probe), SandboxSpec.builder("it-net-"
                        + ProcessHandle.current().pid(), task).argv(TaskRoots.PYTHON, "/var/task/main.py",
                        network.gatewayAddress(), Integer.toString(listener.getLocalPort())).network(network).build());

                assertThat(run.exit().status()).as(run.stderr()).isZero();
                assertThat(run.stdout()).containsExactly("['eth0', 'lo']", "gateway");
            }
        } finally {
            networks.close(network);
            networks.shutdown();
        }
        assertThat(network.namespacePath()).doesNotExist();
        assertThat(Path.of("/sys/class/net", network.name())).doesNotExist();
        assertThat(namespacesFrom(FIRST_SLOT)).as("the spares are gone too").isEmpty();
    }

    @Test
    void theSweepRemovesNamespacesWhoseSlotNoOneLeasesAndKeepsLeasedOnes() throws Exception {
        assumeTrue(probe.root(), "network namespaces need root");
        VethNetworks running = networks(FIRST_SLOT + 100);
        InstanceNetwork held = running.open().orElseThrow();
        String left = "gsi" + (FIRST_SLOT + 150); // as a server killed with kill -9 leaves it: no lease
        HostCommand.run(List.of("ip", "netns", "add", left), "");
        try {
            VethNetworks starting = networks(FIRST_SLOT + 100); // another server starts: it sweeps
            starting.shutdown();

            assertThat(Path.of("/run/netns", left)).doesNotExist();
            assertThat(held.namespacePath()).exists();
        } finally {
            running.close(held);
            running.shutdown();
            HostCommand.run(List.of("/bin/sh", "-c", "ip netns delete " + left + " 2>/dev/null || true"), "");
        }
        assertThat(held.namespacePath()).doesNotExist();
    }

    @Test
    void measuresWhatANamespaceCostsAnInstance() throws Exception {
        assumeTrue(probe.root(), "network namespaces need root");
        VethNetworks networks = networks(FIRST_SLOT + 200);
        int runs = 20;
        long making = 0;
        long closing = 0;
        long takingASpare = 0;
        try {
            for (int i = 0; i < runs + 5; i++) {
                long start = System.nanoTime();
                InstanceNetwork network = networks.make();
                long made = System.nanoTime();
                networks.close(network);
                long closed = System.nanoTime();
                assertThat(network.namespacePath()).doesNotExist();
                if (i >= 5) { // after warm-up
                    making += made - start;
                    closing += closed - made;
                }
            }
            for (int i = 0; i < runs; i++) {
                awaitSpares(networks);
                long start = System.nanoTime();
                InstanceNetwork spare = networks.open().orElseThrow();
                takingASpare += System.nanoTime() - start;
                networks.close(spare);
            }
        } finally {
            networks.shutdown();
        }
        System.out.printf("[measure] network namespace per instance: make %.1f ms, delete %.1f ms, take a spare %.3f ms"
                + " (avg of %d)%n", making / 1e6 / runs, closing / 1e6 / runs, takingASpare / 1e6 / runs, runs);
    }

    private static void awaitSpares(VethNetworks networks) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (namespacesFrom(FIRST_SLOT + 200).size() < VethNetworks.SPARES && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private static List<String> namespacesFrom(int first) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/run/netns"))) {
            entries.map(entry -> entry.getFileName().toString()).filter(name -> name.matches("gsi\\d+"))
                    .filter(name -> Integer.parseInt(name.substring(3)) >= first
                            && Integer.parseInt(name.substring(3)) < first + 100)
                    .forEach(names::add);
        }
        return names;
    }
}
