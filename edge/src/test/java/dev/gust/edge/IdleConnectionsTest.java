package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections with nothing in flight, a partial request head or a stalled body are closed after the idle timeout;
 * busy, fresh or slowly uploading ones are not; one client cannot hold more than its share.
 */
class IdleConnectionsTest {

    static EdgeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new EdgeFixture(Duration.ofMillis(400), 3);
        fixture.edge.unsigned().post("/_test/upload").handler(ctx -> ctx.request().body()
                .onSuccess(body -> ctx.response().end("got " + body.length())));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void aSocketThatNeverSendsARequestIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", fixture.port())) {
            socket.setSoTimeout(5_000);
            long started = System.nanoTime();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedOnceIdle() throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(), "GET /_gust/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            assertThat(EdgeFixture.readHead(socket)).startsWith("HTTP/1.1 200");
            InputStream in = socket.getInputStream();
            in.readNBytes(2); // the body "ok"

            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aConnectionInUseWithinTheTimeoutStaysOpen() throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(), "GET /_gust/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            for (int i = 0; i < 4; i++) {
                assertThat(EdgeFixture.readHead(socket)).startsWith("HTTP/1.1 200");
                socket.getInputStream().readNBytes(2);
                Thread.sleep(200);
                socket.getOutputStream().write("GET /_gust/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes());
            }
            assertThat(EdgeFixture.readHead(socket)).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aRequestWaitingForItsResponseIsNotIdle() throws Exception {
        fixture.edge.unsigned().get("/_test/slow").handler(ctx -> fixture.vertx.setTimer(1_500,
                id -> ctx.response().end("late")));
        try (Socket socket = EdgeFixture.raw(fixture.port(), "GET /_test/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")) {
            socket.setSoTimeout(5_000);

            assertThat(EdgeFixture.readHead(socket)).startsWith("HTTP/1.1 200");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response", e);
        }
    }

    @Test
    void aPartialRequestHeadIsClosed() throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(), "GET /_gust/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")) {
            socket.setSoTimeout(5_000);
            long started = System.nanoTime();

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
        }
    }

    @Test
    void aStalledRequestBodyIsClosed() throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(),
                "POST /_test/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n0123456789")) {
            socket.setSoTimeout(5_000);

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void aBodyThatKeepsArrivingSlowlyIsNotIdle() throws Exception {
        try (Socket socket = EdgeFixture.raw(fixture.port(),
                "POST /_test/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 8\r\n\r\n")) {
            socket.setSoTimeout(5_000);
            for (int i = 0; i < 8; i++) { // 8 × 150 ms: three times the idle timeout in all
                Thread.sleep(150);
                socket.getOutputStream().write('x');
                socket.getOutputStream().flush();
            }

            assertThat(EdgeFixture.readHead(socket)).startsWith("HTTP/1.1 200");
            assertThat(new String(socket.getInputStream().readNBytes(5))).isEqualTo("got 8");
        }
    }

    @Test
    void aClientBeyondItsShareOfConnectionsIsClosedAtOnce() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L; // earlier tests' closed sockets may still be counted
        while (fixture.idle.openBy("127.0.0.1") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Socket[] held = new Socket[3];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = EdgeFixture.raw(fixture.port(), "GET /_gust/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertThat(EdgeFixture.readHead(held[i])).startsWith("HTTP/1.1 200");
            }
            try (Socket extra = new Socket("127.0.0.1", fixture.port())) {
                extra.setSoTimeout(5_000);
                long started = System.nanoTime();
                extra.getOutputStream().write("GET /_gust/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes());

                assertThat(extra.getInputStream().read()).isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
            }
        } finally {
            for (Socket socket : held) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
