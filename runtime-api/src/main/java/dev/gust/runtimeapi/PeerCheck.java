package dev.gust.runtimeapi;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Admits to one endpoint only the connections that the instance's own processes opened, recognised by the host uid
 * that owns the client socket ({@link SocketOwners}). Other instances share the host's loopback and can connect to
 * any port, so the port alone proves nothing.
 *
 * <p>Each connection is looked up once, at its first request; runtime clients keep their connection alive, so
 * the invoke path pays a set lookup. Not thread-safe: one per endpoint, used on its event loop only.
 */
final class PeerCheck {

    private static final int ANY_USER = -1;

    /** Admits every local process: for instances that all run as the same host user. Stateless, so shared. */
    static final PeerCheck ANYONE = new PeerCheck(ANY_USER);

    private final int uid;
    private final Set<HttpConnection> admitted = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param uid the host uid of the instance's processes */
    PeerCheck(int uid) {
        this.uid = uid;
    }

    /** Whether the connection belongs to the instance; the answer is remembered for the connection's lifetime. */
    boolean admits(HttpConnection connection) {
        if (uid == ANY_USER || admitted.contains(connection)) {
            return true;
        }
        SocketAddress client = connection.remoteAddress();
        SocketAddress server = connection.localAddress();
        boolean own = SocketOwners.clientUid(client.hostAddress(), client.port(), server.hostAddress(), server.port())
                .orElse(-1) == uid;
        if (own) {
            admitted.add(connection);
            connection.closeHandler(ignored -> admitted.remove(connection));
        }
        return own;
    }
}
