package dev.gust.runtimeapi;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Runtime API exchange of one invocation over loopback, with its serialization both ways: offer an
 * invocation, the runtime's {@code GET /next} answered with the event and its headers, its
 * {@code POST /response} parsed and reported to the listener. Also the path routing alone. (In this package to
 * reach {@link RuntimePaths}.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuntimeApiBenchmark {

    private static final byte[] PAYLOAD = "{\"key\":\"value\"}".getBytes(StandardCharsets.UTF_8);

    private Vertx vertx;
    private RuntimeApiEndpoint endpoint;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] next;
    private volatile CompletableFuture<byte[]> response;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        endpoint = new RuntimeApiEndpoints(vertx).open(new InstanceListener() {
            @Override
            public void onReady(long readyNanos) {
            }

            @Override
            public void onResponse(String requestId, byte[] payload) {
                response.complete(payload);
            }

            @Override
            public void onFunctionError(String requestId, String errorType, byte[] body) {
                response.completeExceptionally(new IllegalStateException(errorType));
            }

            @Override
            public void onInitError(String errorType, byte[] body) {
            }
        }, OptionalInt.empty()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket = new Socket("127.0.0.1", endpoint.port());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        next = ("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: " + endpoint.address() + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        socket.close();
        endpoint.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public byte[] invocationRoundTrip() throws Exception {
        String id = "00000000-0000-4000-8000-" + String.format("%012d", counter++);
        response = new CompletableFuture<>();
        out.write(next);
        out.flush();
        endpoint.offer(new Invocation(id, PAYLOAD, System.currentTimeMillis() + 60_000,
                "arn:aws:lambda:us-east-1:000000000000:function:f", "Root=1-5759e988-bd862e3fe1be46a994272793", null,
                null));
        readResponse();
        out.write(("POST /2018-06-01/runtime/invocation/" + id + "/response HTTP/1.1\r\nHost: " + endpoint.address()
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        readResponse();
        return response.get(10, TimeUnit.SECONDS);
    }

    @Benchmark
    public RuntimePaths.Route routeResponsePath() {
        return RuntimePaths.route("/2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response");
    }

    /** Reads one response: headers up to the blank line, then Content-Length bytes. */
    private void readResponse() throws IOException {
        int length = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            if (b == '\n') {
                String header = line.toString().trim();
                if (header.isEmpty()) {
                    break;
                }
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
                line.setLength(0);
            } else {
                line.append((char) b);
            }
        }
        in.readNBytes(length);
    }
}
