package dev.gust.runtimeapi;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Opens {@link RuntimeApiEndpoint}s, one per instance, all sharing one Vert.x instance; the engine gets this from the
 * composition root and so never needs Vert.x itself.
 *
 * <p>Each endpoint gets its own event-loop context, taken round-robin from Vert.x's event loops, so hundreds of
 * endpoints spread over the loops and each one's state stays confined to a single thread. Thread-safe.
 */
public final class RuntimeApiEndpoints {

    /** Where endpoints listen unless told otherwise: loopback, on a port the kernel picks. */
    public static final String LOOPBACK = "127.0.0.1";
    /** The most bytes of headers, or of trailers, one request to an endpoint may carry. */
    static final int MAX_TRAILERS_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final LongSupplier ticker;
    private final HttpServerOptions options = new HttpServerOptions()
            .setHandle100ContinueAutomatically(true)
            .setHttp2ClearTextEnabled(false)
            .setTcpNoDelay(true)
            // a streamed response's error travels in its trailers, a stack trace in base64: room for a long one
            .setMaxHeaderSize(MAX_TRAILERS_BYTES)
            .setIdleTimeout(0);
    private static final NetServerOptions RELAY = new NetServerOptions().setTcpNoDelay(true);
    private final NetClient relayClient;
    private volatile long streamLimit = RuntimeApiEndpoint.MAX_STREAMED_BYTES;

    /** Endpoints that time {@link InstanceListener#onReady} with {@link System#nanoTime()}. */
    public RuntimeApiEndpoints(Vertx vertx) {
        this(vertx, System::nanoTime);
    }

    /**
     * @param ticker the clock that times {@link InstanceListener#onReady}, in nanoseconds
     */
    public RuntimeApiEndpoints(Vertx vertx, LongSupplier ticker) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.relayClient = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    }

    /**
     * Limits the streamed responses of the endpoints opened from now on to {@code maxBytes} instead of Lambda's
     * {@link RuntimeApiEndpoint#MAX_STREAMED_BYTES}: for tests, which cannot afford to stream 200 MiB.
     */
    RuntimeApiEndpoints limitStreams(long maxBytes) {
        this.streamLimit = maxBytes;
        return this;
    }

    /** Opens an endpoint on {@value #LOOPBACK}, on a free port, that serves any local process. */
    public CompletionStage<RuntimeApiEndpoint> open(InstanceListener listener) {
        return open(listener, OptionalInt.empty());
    }

    /**
     * Opens an endpoint on {@value #LOOPBACK}, on a free port.
     *
     * @param runtimeUid the host uid of the instance's processes: connections owned by any other user are closed
     *     before their first request is read; empty to serve every local process (when instances share a uid)
     */
    public CompletionStage<RuntimeApiEndpoint> open(InstanceListener listener, OptionalInt runtimeUid) {
        return open(listener, LOOPBACK, 0, runtimeUid);
    }

    /**
     * Opens an endpoint for one instance.
     *
     * @param host the address to listen on, for example one only the instance's network namespace reaches
     * @param port the port, 0 for one the kernel picks
     * @param runtimeUid see {@link #open(InstanceListener, OptionalInt)}
     * @return completes, on the endpoint's event loop, once the endpoint listens
     */
    public CompletionStage<RuntimeApiEndpoint> open(InstanceListener listener, String host, int port,
            OptionalInt runtimeUid) {
        Objects.requireNonNull(host, "host");
        return open(listener, newEventLoopContext(), port,
                new EndpointBinding(host, runtimeUid, Optional.empty(), Optional.empty()));
    }

    /**
     * Opens an endpoint for one instance once its binding is known (an instance's network may still be in the
     * making). The endpoint's event loop is chosen now, as {@link #open(InstanceListener, String, int, OptionalInt)}
     * chooses it, so that the caller's affinity survives the wait.
     *
     * @return completes, on the endpoint's event loop, once the endpoint (and its edge relay, if any) listens
     */
    public CompletionStage<RuntimeApiEndpoint> open(InstanceListener listener, CompletionStage<EndpointBinding> binding) {
        Context context = newEventLoopContext();
        return binding.thenCompose(known -> open(listener, context, 0, known));
    }

    private CompletionStage<RuntimeApiEndpoint> open(InstanceListener listener, Context context, int port,
            EndpointBinding binding) {
        Objects.requireNonNull(listener, "listener");
        HttpServer server = vertx.createHttpServer(options);
        RuntimeApiEndpoint endpoint = new RuntimeApiEndpoint(context, server, binding.host(), listener, ticker,
                PeerCheck.of(binding), streamLimit);
        Promise<RuntimeApiEndpoint> opened = Promise.promise();
        // Listening from inside the context binds the server, and all its connections, to that context's event loop.
        context.runOnContext(ignored -> server.listen(port, binding.host()).compose(listening -> {
            if (binding.edgeUrl().isEmpty() || binding.runtimeAddress().isEmpty()) {
                return Future.succeededFuture(endpoint);
            }
            URI edge = EndpointBinding.edge(binding.edgeUrl().get());
            return EdgeRelay.open(context, vertx.createNetServer(RELAY), relayClient, binding.host(), edge.getHost(),
                    edge.getPort(), binding.runtimeAddress().get()).map(relay -> endpoint.relay(relay)).recover(failure -> server.close()
                            .transform(ignoredClose -> Future.failedFuture(failure)));
        }).onComplete(opened));
        return opened.future().toCompletionStage();
    }

    /**
     * The context of a new endpoint: on the caller's event loop when the caller runs on one (an invoke that starts an
     * instance), so that the instance's invocations and the invoke requests of that loop meet on one thread; on the
     * next event loop in turn otherwise.
     */
    private Context newEventLoopContext() {
        if (!(vertx instanceof VertxInternal internal)) {
            return vertx.getOrCreateContext();
        }
        ContextInternal current = internal.getContext();
        if (current != null && current.isEventLoopContext() && current.nettyEventLoop().inEventLoop()) {
            return internal.contextBuilder().withEventLoop(current.nettyEventLoop()).build();
        }
        // A caller outside Vert.x would otherwise get the same "sticky" context for every endpoint it opens.
        return internal.createEventLoopContext();
    }
}
