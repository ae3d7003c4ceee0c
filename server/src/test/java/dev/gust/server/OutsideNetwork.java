package dev.gust.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for the internet: a network namespace joined to the host by a veth pair on 203.0.113.0/24 (TEST-NET-3),
 * with a TCP server that sends a token to whoever connects. Reaching it from an instance proves that the instance's
 * traffic is routed out of the host. Needs root; {@link #close} removes everything.
 */
final class OutsideNetwork implements AutoCloseable {

    static final String SERVER_ADDRESS = "203.0.113.1";
    static final int PORT = 7443;
    private static final String NAMESPACE = "gust-test-outside";
    private static final String SERVER = """
            import socket, sys
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("0.0.0.0", int(sys.argv[2])))
            s.listen(16)
            print("listening", flush=True)
            while True:
                c, _ = s.accept()
                c.sendall(sys.argv[1].encode())
                c.close()
            """;

    private final Process server;

    private OutsideNetwork(Process server) {
        this.server = server;
    }

    static OutsideNetwork create(String token) throws IOException, InterruptedException {
        removeLeftovers();
        run("ip", "netns", "add", NAMESPACE);
        run("ip", "link", "add", "gto-host", "type", "veth", "peer", "name", "gto", "netns", NAMESPACE);
        run("ip", "addr", "add", "203.0.113.254/24", "dev", "gto-host");
        run("ip", "link", "set", "gto-host", "up");
        run("ip", "-n", NAMESPACE, "addr", "add", SERVER_ADDRESS + "/24", "dev", "gto");
        run("ip", "-n", NAMESPACE, "link", "set", "gto", "up");
        run("ip", "-n", NAMESPACE, "link", "set", "lo", "up");
        Process server = new ProcessBuilder("ip", "netns", "exec", NAMESPACE, "/usr/bin/python3", "-c", SERVER, token,
                Integer.toString(PORT)).redirectErrorStream(true).start();
        byte[] line = server.getInputStream().readNBytes("listening\n".length());
        if (!new String(line, StandardCharsets.UTF_8).equals("listening\n")) {
            server.destroyForcibly();
            throw new IOException("the outside server did not start: " + new String(line, StandardCharsets.UTF_8));
        }
        return new OutsideNetwork(server);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroyForcibly();
        server.waitFor(5, TimeUnit.SECONDS);
        removeLeftovers();
    }

    private static void removeLeftovers() throws IOException, InterruptedException {
        new ProcessBuilder("ip", "netns", "delete", NAMESPACE).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        new ProcessBuilder("ip", "link", "delete", "gto-host").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
