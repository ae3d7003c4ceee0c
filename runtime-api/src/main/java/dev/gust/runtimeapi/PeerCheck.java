package dev.gust.runtimeapi;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Admits to one endpoint only the connections that the instance's own processes opened: recognised by the instance's
 * own address when it has its own network namespace (no other process can send from it, and the host's firewall
 * keeps other instances off the gateway anyway), or else by the host uid that owns the client socket
 * ({@link SocketOwners}), since instances that share the host's loopback can connect to any port.
 *
 * <p>Each connection is looked up once, at its first request; runtime clients keep their connection alive, so
 * the invoke path pays a set lookup. Not thread-safe: one per endpoint, used on its event loop only.
 */
final class PeerCheck {

    private static final int ANY_USER = -1;

    /** Admits every local process: for instances that all run as the same host user. Stateless, so shared. */
    static final PeerCheck ANYONE = new PeerCheck(ANY_USER);

    private final int uid;
    private final String address;
    private final Set<HttpConnection> admitted = Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param uid the host uid of the instance's processes */
    PeerCheck(int uid) {
        this(uid, null);
    }

    private PeerCheck(int uid, String address) {
        this.uid = uid;
        this.address = address;
    }

    /** Admits connections from {@code address} only: the instance's own address in its own network namespace. */
    static PeerCheck fromAddress(String address) {
        return new PeerCheck(ANY_USER, address);
    }

    /** The check a binding asks for. */
    static PeerCheck of(EndpointBinding binding) {
        if (binding.runtimeAddress().isPresent()) {
            return fromAddress(binding.runtimeAddress().get());
        }
        return binding.runtimeUid().isPresent() ? new PeerCheck(binding.runtimeUid().getAsInt()) : ANYONE;
    }

    /** Whether the connection belongs to the instance; the answer is remembered for the connection's lifetime. */
    boolean admits(HttpConnection connection) {
        if (address != null) {
            return address.equals(connection.remoteAddress().hostAddress());
        }
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
