package dev.gust.edge;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes the API port's connections that stay idle too long: no request in flight and none begun for at least the
 * idle timeout (an opened socket that never sends a request counts as idle from the start, and so does one that
 * sent only part of a request head), or a request whose body stops arriving for that long.
 *
 * <p>Not Vert.x's own {@code HttpServerOptions.setIdleTimeout}: that closes a connection on which nothing is read
 * or written for the timeout, which would cut a synchronous invoke of a function that runs longer than it (Lambda
 * allows 15 minutes) while its client waits quietly. Here a connection whose request was received whole and whose
 * response is still open is never idle; one whose request body is still incomplete is active only while body bytes
 * keep arriving (so a slow upload is fine, a stalled one is closed).
 *
 * <p>A sweep runs every quarter of the timeout on each connection's own event loop; a connection counts as active
 * at a sweep that finds a request begun since the previous sweep or its last response still open, and it is closed
 * at the first sweep a full timeout after it was last found active (so between one timeout and a quarter more
 * after it fell idle; measured on the clock, not in sweeps, which a busy event loop may run in bursts). The request path pays one map look-up and two field writes, no
 * allocation. Over HTTP/2 only the latest stream is watched.
 *
 * <p>Each client address may hold at most a set number of connections ({@link ClientConnections}); one beyond it is
 * closed as it opens. Thread-safe.
 */
public final class IdleConnections implements Handler<HttpConnection> {

    /** How many connections one client address may hold open unless told otherwise. */
    public static final int DEFAULT_MAX_PER_CLIENT = 512;

    private final Vertx vertx;
    private final ClientConnections clients;
    private final long timeoutMillis;
    private final long sweepMillis;
    private final ConcurrentHashMap<HttpConnection, Activity> connections = new ConcurrentHashMap<>();
    private long timer = -1;

    /** @param timeout how long a connection may stay idle; at least 100 ms */
    public IdleConnections(Vertx vertx, Duration timeout) {
        this(vertx, timeout, DEFAULT_MAX_PER_CLIENT);
    }

    /**
     * @param timeout how long a connection may stay idle; at least 100 ms
     * @param maxPerClient how many connections one client address may hold open; a connection beyond it is closed at
     *     once, before any request is read
     */
    public IdleConnections(Vertx vertx, Duration timeout, int maxPerClient) {
        this.vertx = vertx;
        this.clients = new ClientConnections(maxPerClient);
        this.timeoutMillis = Math.max(100, timeout.toMillis());
        this.sweepMillis = Math.max(25, timeoutMillis / 4);
    }

    /** Starts the sweeps; call once, before the server listens. */
    public synchronized IdleConnections start() {
        if (timer < 0) {
            timer = vertx.setPeriodic(sweepMillis, id -> connections.values().forEach(Activity::sweep));
        }
        return this;
    }

    /** Stops the sweeps. */
    public synchronized void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Tracks a new connection, or closes it when its client holds too many: the server's connection handler. */
    @Override
    public void handle(HttpConnection connection) {
        String client = connection.remoteAddress() == null ? "" : connection.remoteAddress().hostAddress();
        if (!clients.admit(client)) {
            connection.close();
            return;
        }
        Activity activity = new Activity(connection, Vertx.currentContext());
        connections.put(connection, activity);
        connection.closeHandler(closed -> {
            connections.remove(connection);
            clients.release(client);
        });
    }

    /** A request handler that records each request's connection as active, then hands the request to {@code next}. */
    public Handler<HttpServerRequest> tracking(Handler<HttpServerRequest> next) {
        return request -> {
            Activity activity = connections.get(request.connection());
            if (activity != null) {
                activity.requests++;
                activity.latest = request;
            }
            next.handle(request);
        };
    }

    /** How many connections are open now. */
    public int open() {
        return connections.size();
    }

    /** How many connections {@code address} holds open now. */
    public int openBy(String address) {
        return clients.openBy(address);
    }

    /** What the sweeps know of one connection; its fields are written and read on the connection's event loop. */
    private final class Activity {

        private final HttpConnection connection;
        private final Context context;
        private long requests;
        private HttpServerRequest latest;
        private long requestsAtLastSweep;
        private long bodyBytesAtLastSweep;
        private long activeAtNanos = System.nanoTime();

        Activity(HttpConnection connection, Context context) {
            this.connection = connection;
            this.context = context;
        }

        void sweep() {
            if (context == null) {
                check();
            } else {
                context.runOnContext(v -> check());
            }
        }

        private void check() {
            long now = System.nanoTime();
            if (busy() || requests != requestsAtLastSweep) {
                requestsAtLastSweep = requests;
                activeAtNanos = now;
                return;
            }
            if (now - activeAtNanos >= timeoutMillis * 1_000_000) {
                connections.remove(connection);
                connection.close();
            }
        }

        /** A request received whole and waiting for its response, or one whose body arrived since the last sweep. */
        private boolean busy() {
            if (latest == null) {
                return false;
            }
            HttpServerResponse response = latest.response();
            if (response.ended() || response.closed()) {
                return false;
            }
            if (latest.isEnded()) {
                return true;
            }
            long bodyBytes = latest.bytesRead();
            boolean arriving = bodyBytes != bodyBytesAtLastSweep;
            bodyBytesAtLastSweep = bodyBytes;
            return arriving;
        }
    }
}
