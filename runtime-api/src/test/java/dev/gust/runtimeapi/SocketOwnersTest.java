package dev.gust.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SocketOwnersTest {

    @Test
    void findsTheUidOfTheClientEndOfALoopbackConnection() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            OptionalInt uid = SocketOwners.clientUid("127.0.0.1", accepted.getPort(), "127.0.0.1",
                    server.getLocalPort());

            assertThat(uid).hasValue(OwnUser.uid());
        }
    }

    @Test
    void findsNothingForAConnectionThatDoesNotExist() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            // the same ports, the other way round: that socket does not exist
            assertThat(SocketOwners.clientUid("127.0.0.1", server.getLocalPort(), "127.0.0.1", accepted.getPort()
                    + 1)).isEmpty();
        }
    }

    @Test
    void findsNothingForIpv6OrGarbage() {
        assertThat(SocketOwners.clientUid("::1", 1, "::1", 2)).isEmpty();
        assertThat(SocketOwners.clientUid("not an address", 1, "127.0.0.1", 2)).isEmpty();
    }

}
