package dev.gust.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Network namespaces made for real, as root, with the host's lease directory (the one every server uses, so that the
 * sweep here never takes a namespace a running server holds). Slots near the end of the range keep clear of the
 * servers' own, which are leased from the start.
 */
class VethNetworksIT {

    private static final int SLOT = 65_001;
    private static SandboxProbe probe;

    @TempDir
    Path temp;

    @BeforeAll
    static void detect() {
        probe = SandboxProbe.detect();
    }

    @Test
    void anInstanceInItsNetworkSeesItsOwnLoopbackAndEthernetOnlyAndItsNamespaceGoesAtClose() throws Exception {
        assumeTrue(probe.root(), "network namespaces need root");
        VethNetworks networks = VethNetworks.setUp(true, SandboxUsers.defaultRange());
        InstanceNetwork network = networks.open(SLOT).orElseThrow();
        assertThat(network).isEqualTo(new InstanceNetwork("gsi65001", "198.19.251.210", "198.19.251.211"));
        try {
            Path task = TaskRoots.write(temp.resolve("task"), Map.of("main.py", """
                    import socket
                    print(sorted(line.split(":")[0].strip() for line in open("/proc/net/dev").readlines()[2:]))
                    s = socket.socket()
                    s.connect(("198.19.251.210", int(open("/var/task/port").read())))
                    print(s.recv(10).decode())
                    """, "port", "0"));
            try (var listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("198.19.251.210"))) {
                Files.writeString(task.resolve("port"), Integer.toString(listener.getLocalPort()));
                Thread.ofVirtual().start(() -> {
                    try (var accepted = listener.accept()) {
                        accepted.getOutputStream().write("gateway".getBytes());
                    } catch (IOException e) {
                        // the assertion below reports it
                    }
                });
                Run run = Run.of(BubblewrapSandbox.create(probe), SandboxSpec.builder("it-net-" + ProcessHandle.current()
                        .pid(), task).argv(TaskRoots.PYTHON, "/var/task/main.py").network(network).build());

                assertThat(run.exit().status()).as(run.stderr()).isZero();
                assertThat(run.stdout()).containsExactly("['eth0', 'lo']", "gateway");
            }
        } finally {
            networks.close(network);
        }
        assertThat(network.namespacePath()).doesNotExist();
        assertThat(Path.of("/sys/class/net", network.name())).doesNotExist();
    }

    @Test
    void theSweepRemovesTheNamespacesOfFreeSlotsAndKeepsLeasedOnes() throws Exception {
        assumeTrue(probe.root(), "network namespaces need root");
        SandboxUsers server = SandboxUsers.defaultRange();
        SandboxUser leased = server.lease();
        VethNetworks networks = VethNetworks.setUp(true, server);
        InstanceNetwork held = networks.open(server.slot(leased)).orElseThrow();
        InstanceNetwork left = networks.open(SLOT + 1).orElseThrow(); // as a server killed with kill -9 leaves it
        try {
            VethNetworks.setUp(true, SandboxUsers.defaultRange()); // another server starts: it sweeps

            assertThat(left.namespacePath()).doesNotExist();
            assertThat(held.namespacePath()).exists();
        } finally {
            networks.close(held);
            networks.close(left);
            server.release(leased);
        }
        assertThat(List.of(held.namespacePath(), left.namespacePath())).noneMatch(Files::exists);
    }

    @Test
    void measuresWhatANamespaceCostsAnInstance() throws Exception {
        assumeTrue(probe.root(), "network namespaces need root");
        VethNetworks networks = VethNetworks.setUp(true, SandboxUsers.defaultRange());
        int runs = 20;
        long opening = 0;
        long closing = 0;
        for (int i = 0; i < runs + 5; i++) {
            long start = System.nanoTime();
            InstanceNetwork network = networks.open(SLOT + 2 + (i % 2)).orElseThrow();
            long opened = System.nanoTime();
            networks.close(network);
            long closed = System.nanoTime();
            assertThat(network.namespacePath()).doesNotExist();
            if (i >= 5) { // after warm-up
                opening += opened - start;
                closing += closed - opened;
            }
        }
        System.out.printf("[measure] network namespace per instance: open %.1f ms, close %.1f ms (avg of %d)%n",
                opening / 1e6 / runs, closing / 1e6 / runs, runs);
    }
}
