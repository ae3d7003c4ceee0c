package dev.gust.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connections with nothing in flight are closed after the idle timeout; busy or fresh ones are not. */
class IdleConnectionsTest {

    static EdgeFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new EdgeFixture(Duration.ofMillis(400));
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
}
