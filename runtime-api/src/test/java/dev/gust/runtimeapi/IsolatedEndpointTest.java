package dev.gust.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An endpoint bound for an instance in its own network namespace: it serves only the instance's address, and relays
 * that address's connections to the edge, a bounded number at a time. Loopback stands in for the namespace's link:
 * {@code 127.0.0.2} is the instance, {@code 127.0.0.1} any other local process.
 */
class IsolatedEndpointTest {

    private static final String INSTANCE = "127.0.0.2";
    private static Vertx vertx;
    private static NetServer edge;

    private final List<Socket> sockets = new ArrayList<>();
    private RuntimeApiEndpoint endpoint;

    @BeforeAll
    static void startVertxAndAnEchoingEdge() throws Exception {
        vertx = Vertx.vertx();
        edge = vertx.createNetServer().connectHandler(socket -> socket.handler(socket::write));
        edge.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void open() throws Exception {
        endpoint = new RuntimeApiEndpoints(vertx).open(new RecordingListener(), CompletableFuture.completedFuture(
                EndpointBinding.isolated("127.0.0.1", INSTANCE, "http://127.0.0.1:" + edge.actualPort())))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        endpoint.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void servesTheInstancesAddressAndClosesAnyOtherUnread() throws Exception {
        assertThat(request(endpoint.port(), INSTANCE)).startsWith("HTTP/1.1 404");

        assertThat(request(endpoint.port(), "127.0.0.1")).isEmpty();
    }

    @Test
    void relaysTheInstancesConnectionsToTheEdgeAndNoOneElses() throws Exception {
        URI edgeUrl = URI.create(endpoint.edgeUrl().orElseThrow());
        assertThat(edgeUrl.getHost()).isEqualTo("127.0.0.1");
        assertThat(edgeUrl.getPort()).isNotEqualTo(endpoint.port()).isNotEqualTo(edge.actualPort());

        assertThat(echo(connect(edgeUrl.getPort(), INSTANCE), "hello")).isEqualTo("hello");
        assertThat(echo(connect(edgeUrl.getPort(), "127.0.0.1"), "hello")).isEmpty();
    }

    @Test
    void closesRelayedConnectionsBeyondTheBoundUntilOneEnds() throws Exception {
        int relay = URI.create(endpoint.edgeUrl().orElseThrow()).getPort();
        List<Socket> open = new ArrayList<>();
        for (int i = 0; i < EdgeRelay.MAX_CONNECTIONS; i++) {
            Socket socket = connect(relay, INSTANCE);
            assertThat(echo(socket, "n" + i)).isEqualTo("n" + i);
            open.add(socket);
        }

        assertThat(echo(connect(relay, INSTANCE), "one too many")).isEmpty();

        open.getFirst().close();
        // the relay learns of the close on its event loop: until then, new connections are still closed
        String answer = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (answer.isEmpty() && System.nanoTime() < deadline) {
            answer = echo(connect(relay, INSTANCE), "again");
        }
        assertThat(answer).isEqualTo("again");
    }

    @Test
    void anEdgeRelayNeedsTheInstancesAddress() {
        assertThatThrownBy(() -> new EndpointBinding("127.0.0.1", OptionalInt.empty(), Optional.empty(),
                Optional.of("http://127.0.0.1:1"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(EndpointBinding.loopback(OptionalInt.of(5)).edgeUrl()).isEmpty();
    }

    private Socket connect(int port, String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Sends {@code text} and reads as many bytes back; empty when the other end closed the connection instead. */
    private static String echo(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // reset by the relay
        }
    }

    private String request(int port, String from) throws IOException {
        Socket socket = connect(port, from);
        socket.getOutputStream().write("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = socket.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // reset
        }
    }
}
