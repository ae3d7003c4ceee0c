package dev.gust.runtimeapi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

/**
 * Carries an isolated instance's connections to Gust's edge: a TCP listener on the instance's gateway address, each
 * accepted connection piped to the edge's own listener. The instance sees the edge at {@code AWS_ENDPOINT_URL}
 * without the edge listening where other hosts or other instances could reach it.
 *
 * <p>Only connections from the instance's own address are relayed (the host's firewall already keeps every other
 * source away; this is the second lock). At most {@value #MAX_CONNECTIONS} connections are open per instance; more
 * are closed at once, so one function cannot hold every descriptor of the server. Confined to its endpoint's event
 * loop.
 */
final class EdgeRelay {

    /** Enough for an SDK's connection pools (50 by default in the Java SDK, 10 in boto3), far from fd limits. */
    static final int MAX_CONNECTIONS = 128;

    private final NetServer server;
    private final NetClient client;
    private final String edgeHost;
    private final int edgePort;
    private final String instanceAddress;
    private int open;

    private EdgeRelay(NetServer server, NetClient client, String edgeHost, int edgePort, String instanceAddress) {
        this.server = server;
        this.instanceAddress = instanceAddress;
        this.client = client;
        this.edgeHost = edgeHost;
        this.edgePort = edgePort;
        server.connectHandler(this::accept);
    }

    /**
     * Listens on {@code host}, on a port the kernel picks, from inside {@code context}, for connections from
     * {@code instanceAddress}.
     */
    static Future<EdgeRelay> open(Context context, NetServer server, NetClient client, String host, String edgeHost,
            int edgePort, String instanceAddress) {
        EdgeRelay relay = new EdgeRelay(server, client, edgeHost, edgePort, instanceAddress);
        Promise<EdgeRelay> opened = Promise.promise();
        context.runOnContext(ignored -> server.listen(0, host).map(relay).onComplete(opened));
        return opened.future();
    }

    /** The port the instance connects to. */
    int port() {
        return server.actualPort();
    }

    /** Stops listening and closes the relayed connections. */
    Future<Void> close() {
        return server.close();
    }

    private void accept(NetSocket instance) {
        if (open >= MAX_CONNECTIONS || !instanceAddress.equals(instance.remoteAddress().hostAddress())) {
            instance.close();
            return;
        }
        open++;
        instance.pause();
        Pair pair = new Pair(instance);
        instance.closeHandler(ignored -> pair.instanceClosed());
        client.connect(edgePort, edgeHost).onComplete(connected -> {
            if (connected.failed()) {
                instance.close();
            } else {
                pair.connected(connected.result());
            }
        });
    }

    /** One relayed connection: the instance's socket and, once connected, the edge's. */
    private final class Pair {
        private final NetSocket instance;
        private NetSocket edge;
        private boolean closed;

        Pair(NetSocket instance) {
            this.instance = instance;
        }

        void instanceClosed() {
            open--;
            closed = true;
            if (edge != null) {
                edge.close();
            }
        }

        void connected(NetSocket socket) {
            if (closed) {
                socket.close();
                return;
            }
            edge = socket;
            edge.closeHandler(ignored -> instance.close());
            instance.pipeTo(edge);
            edge.pipeTo(instance);
        }
    }
}
