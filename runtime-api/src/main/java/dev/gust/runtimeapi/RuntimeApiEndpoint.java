package dev.gust.runtimeapi;

import dev.gust.runtimeapi.RuntimePaths.Route;
import dev.gust.runtimeapi.RuntimeState.Transition;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * One instance's Runtime API 2018-06-01: an HTTP endpoint on its own port that only this instance's runtime talks to,
 * so that every request is known to come from that instance whatever its URL says.
 *
 * <p>Open one with {@link RuntimeApiEndpoints#open}. The endpoint keeps no pool state: it turns the runtime's requests
 * into {@link InstanceListener} events and delivers the invocations its owner {@link #offer offers}. An idle instance
 * is a parked {@code GET /next}; delivering an invocation completes that request.
 *
 * <p>Contract of the runtime's state, which only this endpoint's event loop changes:
 * <ol>
 *   <li>{@code Started}: the first {@code GET /next} reports {@link InstanceListener#onReady} and goes to
 *       {@code Ready}; {@code POST /init/error} reports {@link InstanceListener#onInitError} and goes to
 *       {@code InitError}.
 *   <li>{@code Ready}: the {@code GET /next} is parked until an invocation is offered, or answered at once with one
 *       offered earlier; either way the state becomes {@code Running}.
 *   <li>{@code Running}: {@code POST /invocation/{id}/response} or {@code /error} for the invocation in flight reports
 *       {@link InstanceListener#onResponse} or {@link InstanceListener#onFunctionError} and goes to
 *       {@code RuntimeResponseSentState}; the next {@code GET /next} goes back to {@code Ready}.
 *   <li>{@code InitError} is final: every request is answered 500, the runtime must exit.
 *   <li>A request that is not allowed changes nothing: 400 {@code InvalidRequestID} for a request id not in flight
 *       here, 403 {@code InvalidStateTransition} for a transition the state does not allow (a second answer to the
 *       same id, {@code /init/error} after init, a second {@code /next}), 404 for an unknown path.
 *   <li>An answer over {@link #MAX_PAYLOAD_BYTES} is answered 413 {@code RequestEntityTooLarge}, and, as in Lambda,
 *       fails the invocation with {@code Function.ResponseSizeTooLarge}.
 *   <li>A streamed {@code /response} ({@code Lambda-Runtime-Function-Response-Mode: streaming}, chunked) for the
 *       invocation in flight answers it at once (a second answer is 403) while the state stays {@code Running} until
 *       its body ends; the body goes to the invocation's {@link ResponseSink} as it arrives (paused while the sink is
 *       not writable), or is collected when the invocation has none. Its end reports {@link
 *       InstanceListener#onResponse} (an empty payload when it was forwarded) or, with error trailers,
 *       {@link InstanceListener#onFunctionError}; past {@link #MAX_STREAMED_BYTES} the invocation fails at once with
 *       {@code Function.ResponseSizeTooLarge} and the runtime is answered 413 when its body ends. A response in one
 *       piece to an invocation with a sink is given to the sink as one chunk.
 * </ol>
 *
 * <p>Thread-safety: {@link #offer}, {@link #delivered}, {@link #close}, {@link #port} and {@link #address} may be
 * called from any thread; everything else runs on the endpoint's own event loop, where the listener is called too.
 */
public final class RuntimeApiEndpoint {

    /** The largest response Lambda accepts from a runtime, in bytes, counted as Lambda counts it. */
    public static final int MAX_PAYLOAD_BYTES = 6_291_556;
    /**
     * The largest streamed response Lambda takes from a runtime when its caller streams it: 200 MiB (the
     * {@code InvokeMode} documentation of the Lambda API model; it was 20 MiB until 2025).
     */
    public static final long MAX_STREAMED_BYTES = 200L * 1024 * 1024;
    /**
     * How many connections an instance may hold open to its endpoint at once: a runtime uses one or two; one beyond
     * the bound is closed as it opens, so a function cannot take Gust's descriptors through its own endpoint.
     */
    public static final int MAX_CONNECTIONS = 32;

    private static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("Lambda-Runtime-Aws-Request-Id");
    private static final CharSequence DEADLINE = HttpHeaders.createOptimized("Lambda-Runtime-Deadline-Ms");
    private static final CharSequence FUNCTION_ARN = HttpHeaders.createOptimized("Lambda-Runtime-Invoked-Function-Arn");
    private static final CharSequence TRACE_ID = HttpHeaders.createOptimized("Lambda-Runtime-Trace-Id");
    private static final CharSequence CLIENT_CONTEXT = HttpHeaders.createOptimized("Lambda-Runtime-Client-Context");
    private static final CharSequence COGNITO_IDENTITY = HttpHeaders.createOptimized("Lambda-Runtime-Cognito-Identity");
    private static final CharSequence ERROR_TYPE = HttpHeaders.createOptimized("Lambda-Runtime-Function-Error-Type");
    private static final CharSequence ERROR_BODY = HttpHeaders.createOptimized("Lambda-Runtime-Function-Error-Body");
    private static final CharSequence RESPONSE_MODE =
            HttpHeaders.createOptimized("Lambda-Runtime-Function-Response-Mode");
    private static final String STREAMING = "streaming";
    private static final String OCTET_STREAM = "application/octet-stream";
    /** A runtime that drops its connection mid-request changes nothing; there is nothing to report. */
    private static final Handler<Throwable> IGNORE = ignored -> { };

    private final Context context;
    private final HttpServer server;
    private final String host;
    private final InstanceListener listener;
    private final LongSupplier ticker;
    private final PeerCheck peers;
    private final long streamLimit;
    private volatile EdgeRelay relay;
    /** Whether the owner may offer now: set by {@link #offer}, cleared before an answer is reported. */
    private final AtomicBoolean offerable = new AtomicBoolean(true);
    private final Handler<Void> parkedClosed = ignored -> dropClosedParkedNext();

    private RuntimeState state = RuntimeState.STARTED;
    private HttpServerResponse parkedNext;
    private Invocation held;
    private Invocation inFlight;
    private String lastAnswered;
    /** The request id of the last invocation written to the runtime; read from any thread. */
    private volatile String lastDelivered;
    /** Connections open now; on the endpoint's event loop, where all its connections live. */
    private int connections;

    RuntimeApiEndpoint(Context context, HttpServer server, String host, InstanceListener listener,
            LongSupplier ticker, PeerCheck peers, long streamLimit) {
        this.context = context;
        this.streamLimit = streamLimit;
        this.server = server;
        this.host = host;
        this.listener = listener;
        this.ticker = ticker;
        this.peers = peers;
        server.connectionHandler(this::connected).requestHandler(this::handle);
    }

    /** The port this endpoint listens on. */
    public int port() {
        return server.actualPort();
    }

    /** The value for the runtime's {@code AWS_LAMBDA_RUNTIME_API}: {@code host:port}. */
    public String address() {
        return host + ":" + port();
    }

    /**
     * Hands an invocation to the runtime: completes its parked {@code GET /next}, or holds the invocation until that
     * request arrives.
     *
     * <p>Call it only when the instance is idle: before its first invocation, or after the listener reported the
     * answer to the previous one. An invocation offered after {@link InstanceListener#onInitError} is never delivered.
     *
     * @throws IllegalStateException if an invocation is already offered or in flight
     */
    public void offer(Invocation invocation) {
        Objects.requireNonNull(invocation, "invocation");
        if (!offerable.compareAndSet(true, false)) {
            throw new IllegalStateException("an invocation is already offered to or in flight on this instance");
        }
        if (onCurrentThread()) {
            deliverOrHold(invocation); // already on the endpoint's event loop: no hand-off, no wake-up
        } else {
            context.runOnContext(ignored -> deliverOrHold(invocation));
        }
    }

    /**
     * Whether the calling thread is this endpoint's event loop. An invocation offered from it is written at once,
     * and the runtime's answer completes on the same thread: the invoke path then crosses no thread.
     */
    public boolean onCurrentThread() {
        return context instanceof ContextInternal internal && internal.nettyEventLoop().inEventLoop();
    }

    /**
     * Whether the invocation was handed to the runtime (written in answer to its {@code GET /next}); if not, an
     * instance that died meanwhile never started it and it may run elsewhere.
     */
    public boolean delivered(String requestId) {
        return requestId.equals(lastDelivered);
    }

    /**
     * Where the instance reaches Gust's edge through this endpoint's relay ({@code AWS_ENDPOINT_URL}), when the
     * binding asked for one.
     */
    public Optional<String> edgeUrl() {
        EdgeRelay current = relay;
        return current == null ? Optional.empty() : Optional.of("http://" + host + ":" + current.port());
    }

    /** Attaches the edge relay that listens beside this endpoint; once, before the endpoint is handed out. */
    RuntimeApiEndpoint relay(EdgeRelay edgeRelay) {
        this.relay = edgeRelay;
        return this;
    }

    /** Stops listening and closes the runtime's connections; the port is free once the stage completes. */
    public CompletionStage<Void> close() {
        EdgeRelay current = relay;
        Future<Void> closed = server.close();
        return (current == null ? closed : Future.join(closed, current.close()).<Void>mapEmpty()).toCompletionStage();
    }

    private void connected(HttpConnection connection) {
        if (connections >= MAX_CONNECTIONS) {
            connection.close();
            return;
        }
        connections++;
        connection.closeHandler(ignored -> connections--);
        RequestTrailers.keep(connection);
    }

    private void handle(HttpServerRequest request) {
        if (!peers.admits(request.connection())) {
            request.connection().close();
            return;
        }
        String path = request.path();
        Route route = RuntimePaths.route(path);
        switch (route) {
            case NEXT -> {
                if (request.method().equals(HttpMethod.GET)) {
                    next(request.response());
                } else {
                    Replies.methodNotAllowed(request.response());
                }
            }
            case RESPONSE, ERROR, INIT_ERROR -> {
                if (route == Route.RESPONSE && request.method().equals(HttpMethod.POST)
                        && STREAMING.equalsIgnoreCase(request.getHeader(RESPONSE_MODE)) && streams(path)) {
                    streamed(request);
                } else if (request.method().equals(HttpMethod.POST)) {
                    CappedBody body = new CappedBody();
                    request.exceptionHandler(IGNORE).handler(body)
                            .endHandler(ignored -> posted(request, route, path, body));
                } else {
                    Replies.methodNotAllowed(request.response());
                }
            }
            default -> Replies.notFound(request.response());
        }
    }

    private void next(HttpServerResponse response) {
        long now = ticker.getAsLong();
        switch (state) {
            case INIT_ERROR -> Replies.mustExit(response);
            case RUNNING -> Replies.forbidden(response, state, Transition.READY);
            default -> {
                if (parkedNext != null) {
                    Replies.forbidden(response, state, Transition.READY);
                    return;
                }
                boolean first = state == RuntimeState.STARTED;
                state = RuntimeState.READY;
                if (held != null) {
                    Invocation invocation = held;
                    held = null;
                    deliver(response, invocation);
                } else {
                    parkedNext = response;
                    response.closeHandler(parkedClosed);
                }
                if (first) {
                    listener.onReady(now);
                }
            }
        }
    }

    private void deliverOrHold(Invocation invocation) {
        if (state == RuntimeState.INIT_ERROR) {
            return;
        }
        dropClosedParkedNext();
        HttpServerResponse response = parkedNext;
        if (response == null) {
            held = invocation;
        } else {
            parkedNext = null;
            deliver(response, invocation);
        }
    }

    private void deliver(HttpServerResponse response, Invocation invocation) {
        inFlight = invocation;
        lastDelivered = invocation.requestId();
        state = RuntimeState.RUNNING;
        MultiMap headers = response.headers();
        headers.add(REQUEST_ID, invocation.requestId());
        headers.add(DEADLINE, Long.toString(invocation.deadlineEpochMs()));
        headers.add(FUNCTION_ARN, invocation.invokedFunctionArn());
        if (invocation.traceId() != null) {
            headers.add(TRACE_ID, invocation.traceId());
        }
        if (invocation.clientContext() != null) {
            headers.add(CLIENT_CONTEXT, invocation.clientContext());
        }
        if (invocation.cognitoIdentity() != null) {
            headers.add(COGNITO_IDENTITY, invocation.cognitoIdentity());
        }
        headers.add(Replies.CONTENT_TYPE, Replies.APPLICATION_JSON);
        response.end(Buffer.buffer(invocation.payload()));
    }

    private void dropClosedParkedNext() {
        if (parkedNext != null && parkedNext.closed()) {
            parkedNext = null;
        }
    }

    private void posted(HttpServerRequest request, Route route, String path, CappedBody body) {
        HttpServerResponse response = request.response();
        String errorType = request.getHeader(ERROR_TYPE);
        if (route == Route.INIT_ERROR) {
            initError(response, errorType, body);
        } else if (route == Route.RESPONSE) {
            answer(request, path, RuntimePaths.RESPONSE_SUFFIX.length(), Transition.INVOCATION_RESPONSE, null, body);
        } else {
            answer(request, path, RuntimePaths.ERROR_SUFFIX.length(), Transition.INVOCATION_ERROR_RESPONSE,
                    errorType, body);
        }
    }

    /** A {@code /response} (errorType {@code null}) or an {@code /error}. */
    private void answer(HttpServerRequest request, String path, int suffixLength, Transition transition,
            String errorType, CappedBody body) {
        HttpServerResponse response = request.response();
        if (state == RuntimeState.INIT_ERROR) {
            Replies.mustExit(response);
            return;
        }
        Invocation invocation = inFlight;
        if (invocation == null || !RuntimePaths.namesRequest(path, suffixLength, invocation.requestId())) {
            if (invocation == null && lastAnswered != null
                    && RuntimePaths.namesRequest(path, suffixLength, lastAnswered)) {
                Replies.forbidden(response, state, transition);
            } else {
                Replies.invalidRequestId(response);
            }
            return;
        }
        String requestId = invocation.requestId();
        inFlight = null;
        lastAnswered = requestId;
        state = RuntimeState.RESPONSE_SENT;
        offerable.set(true);
        if (body.tooLarge()) {
            Replies.tooLarge(response);
            listener.onFunctionError(requestId, Replies.RESPONSE_TOO_LARGE_TYPE, Replies.responseTooLargeBody());
        } else if (transition == Transition.INVOCATION_RESPONSE && invocation.sink() != null) {
            Replies.accepted(response); // a response in one piece to a caller that streams: one chunk
            invocation.sink().begin(contentType(request));
            invocation.sink().chunk(body.bytes());
            listener.onResponse(requestId, new byte[0]);
        } else if (transition == Transition.INVOCATION_RESPONSE) {
            Replies.accepted(response);
            listener.onResponse(requestId, body.bytes());
        } else {
            Replies.accepted(response);
            listener.onFunctionError(requestId, errorType, body.bytes());
        }
    }

    /**
     * Whether a streaming {@code /response} names the invocation in flight, so that its body is read as it arrives;
     * any other is read whole and refused as a buffered answer is.
     */
    private boolean streams(String path) {
        Invocation invocation = inFlight;
        return state == RuntimeState.RUNNING && invocation != null
                && RuntimePaths.namesRequest(path, RuntimePaths.RESPONSE_SUFFIX.length(), invocation.requestId());
    }

    /**
     * A streamed answer to the invocation in flight. The invocation counts as answered at once (a second answer is
     * refused), while the runtime stays {@code Running} until the body ends; then the end is reported, with the error
     * of its trailers if it has some. A body past the stream's limit is reported at once as
     * {@code Function.ResponseSizeTooLarge}, the rest of it is read and dropped, and the runtime is answered 413.
     */
    private void streamed(HttpServerRequest request) {
        Invocation invocation = inFlight;
        String requestId = invocation.requestId();
        inFlight = null;
        lastAnswered = requestId;
        ResponseSink sink = invocation.sink();
        if (sink != null) {
            sink.begin(contentType(request));
        }
        StreamedAnswer body = new StreamedAnswer(request, context, sink, streamLimit, () -> {
            answered();
            listener.onFunctionError(requestId, Replies.RESPONSE_TOO_LARGE_TYPE, Replies.streamTooLargeBody(streamLimit));
        });
        request.exceptionHandler(IGNORE).handler(body::handle).endHandler(ignored -> {
            HttpServerResponse response = request.response();
            if (body.overLimit()) {
                Replies.streamTooLarge(response, streamLimit);
                return;
            }
            answered();
            String errorType = RequestTrailers.of(request.connection(), ERROR_TYPE);
            if (errorType != null) {
                Replies.accepted(response);
                listener.onFunctionError(requestId, errorType,
                        ErrorTrailer.body(RequestTrailers.of(request.connection(), ERROR_BODY), errorType));
            } else if (body.tooLargeToCollect()) {
                Replies.tooLarge(response);
                listener.onFunctionError(requestId, Replies.RESPONSE_TOO_LARGE_TYPE, Replies.responseTooLargeBody());
            } else {
                Replies.accepted(response);
                listener.onResponse(requestId, body.bytes());
            }
        });
    }

    /** The invocation in flight is answered: the runtime may ask for the next one, and the owner may offer it. */
    private void answered() {
        state = RuntimeState.RESPONSE_SENT;
        offerable.set(true);
    }

    private static String contentType(HttpServerRequest request) {
        String type = request.getHeader(Replies.CONTENT_TYPE);
        return type == null || type.isEmpty() ? OCTET_STREAM : type;
    }

    private void initError(HttpServerResponse response, String errorType, CappedBody body) {
        if (state == RuntimeState.INIT_ERROR) {
            Replies.mustExit(response);
            return;
        }
        if (state != RuntimeState.STARTED) {
            Replies.forbidden(response, state, Transition.INIT_ERROR);
            return;
        }
        state = RuntimeState.INIT_ERROR;
        held = null;
        if (body.tooLarge()) {
            Replies.tooLarge(response);
            listener.onInitError(Replies.RESPONSE_TOO_LARGE_TYPE, Replies.responseTooLargeBody());
        } else {
            Replies.accepted(response);
            listener.onInitError(errorType, body.bytes());
        }
    }
}
