package dev.gust.runtimeapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API's streamed responses: chunked {@code POST .../response} bodies, their trailers and back-pressure. */
class StreamingResponseTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:hello";
    private static final long LIMIT = 64 * 1024;
    private final Vertx vertx = Vertx.vertx();
    private final RecordingListener listener = new RecordingListener();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RuntimeApiEndpoint endpoint;

    @BeforeEach
    void open() throws Exception {
        endpoint = new RuntimeApiEndpoints(vertx).limitStreams(LIMIT).open(listener).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() throws Exception {
        http.close();
        vertx.close().await(10, TimeUnit.SECONDS); // closes the endpoint too
    }

    @Test
    void forwardsEachChunkToTheSinkBeforeTheNextIsWritten() throws Exception {
        RecordingSink sink = new RecordingSink();
        deliver("req-1", sink);
        try (StreamingPost post = new StreamingPost(endpoint, "req-1", "text/plain")) {
            post.chunk("first ");
            assertThat(sink.awaitBytes(6)).isEqualTo("first ");
            assertThat(sink.contentType()).isEqualTo("text/plain");
            assertThat(listener.isQuiet()).isTrue();

            post.chunk("second");
            assertThat(sink.awaitBytes(12)).isEqualTo("first second");
            assertThat(post.end()).startsWith("HTTP/1.1 202");
        }
        assertThat(listener.next(RecordingListener.Response.class))
                .isEqualTo(new RecordingListener.Response("req-1", ""));
    }

    @Test
    void errorTrailersFailTheInvocationAfterTheBytesAlreadyForwarded() throws Exception {
        RecordingSink sink = new RecordingSink();
        deliver("req-2", sink);
        String error = "{\"errorType\":\"Error\",\"errorMessage\":\"boom\",\"trace\":[]}";
        try (StreamingPost post = new StreamingPost(endpoint, "req-2", "application/octet-stream")) {
            post.chunk("partial");
            assertThat(sink.awaitBytes(7)).isEqualTo("partial");
            String answer = post.end("Lambda-Runtime-Function-Error-Type: Error\r\nLambda-Runtime-Function-Error-Body: "
                    + Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8)) + "\r\n");
            assertThat(answer).startsWith("HTTP/1.1 202");
        }
        assertThat(listener.next(RecordingListener.FunctionError.class))
                .isEqualTo(new RecordingListener.FunctionError("req-2", "Error", error));
        assertThat(sink.chunks).as("no empty chunk for the end that carries the trailers").isEqualTo(1);
    }

    @Test
    void anErrorWithALongTraceStillFitsInTheTrailers() throws Exception {
        deliver("req-long", new RecordingSink());
        String error = "{\"errorType\":\"Error\",\"errorMessage\":\"deep\",\"trace\":[\""
                + "    at frame (/var/task/index.mjs:1:1)".repeat(400) + "\"]}";
        try (StreamingPost post = new StreamingPost(endpoint, "req-long", "text/plain")) {
            post.chunk("x");
            assertThat(post.end("Lambda-Runtime-Function-Error-Type: Error\r\nLambda-Runtime-Function-Error-Body: "
                    + Base64.getEncoder().encodeToString(error.getBytes(StandardCharsets.UTF_8)) + "\r\n"))
                    .startsWith("HTTP/1.1 202");
        }
        assertThat(listener.next(RecordingListener.FunctionError.class).body()).isEqualTo(error);
    }

    @Test
    void aSinkThatIsNotWritablePausesTheRuntimesBodyUntilItResumes() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.writable = false;
        deliver("req-3", sink);
        try (StreamingPost post = new StreamingPost(endpoint, "req-3", "text/plain")) {
            post.chunk("a");
            assertThat(sink.awaitBytes(1)).isEqualTo("a");
            assertThat(sink.resume.get(10, TimeUnit.SECONDS)).isNotNull();
            post.chunk("b");
            Thread.sleep(300); // the endpoint reads nothing while paused
            assertThat(sink.bytes()).isEqualTo("a");

            sink.writable = true;
            sink.resume.get().run();
            assertThat(sink.awaitBytes(2)).isEqualTo("ab");
            assertThat(post.end()).startsWith("HTTP/1.1 202");
        }
        assertThat(listener.next(RecordingListener.Response.class).requestId()).isEqualTo("req-3");
    }

    @Test
    void aStreamedResponseToACallerThatDoesNotStreamIsCollectedIntoOnePayload() throws Exception {
        deliver("req-4", null);
        try (StreamingPost post = new StreamingPost(endpoint, "req-4", "application/json")) {
            post.chunk("{\"a\":");
            post.chunk("1}");
            assertThat(post.end()).startsWith("HTTP/1.1 202");
        }
        assertThat(listener.next(RecordingListener.Response.class))
                .isEqualTo(new RecordingListener.Response("req-4", "{\"a\":1}"));
    }

    @Test
    void aResponseInOnePieceToACallerThatStreamsIsOneChunk() throws Exception {
        RecordingSink sink = new RecordingSink();
        deliver("req-5", sink);
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(
                URI.create("http://" + endpoint.address() + "/2018-06-01/runtime/invocation/req-5/response"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("\"whole\"")).build(),
                BodyHandlers.ofString());

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(sink.bytes()).isEqualTo("\"whole\"");
        assertThat(sink.chunks).isEqualTo(1);
        assertThat(sink.contentType()).isEqualTo("application/json");
        assertThat(listener.next(RecordingListener.Response.class))
                .isEqualTo(new RecordingListener.Response("req-5", ""));
    }

    @Test
    void aStreamPastItsLimitFailsTheInvocationAtOnceAndTheRuntimeIsAnswered413() throws Exception {
        RecordingSink sink = new RecordingSink();
        deliver("req-6", sink);
        try (StreamingPost post = new StreamingPost(endpoint, "req-6", "text/plain")) {
            post.chunk("x".repeat((int) LIMIT));
            sink.awaitBytes((int) LIMIT);
            post.chunk("over");
            RecordingListener.FunctionError error = listener.next(RecordingListener.FunctionError.class);
            assertThat(error.errorType()).isEqualTo("Function.ResponseSizeTooLarge");
            assertThat(error.body()).contains("Response payload size exceeded maximum allowed payload size ("
                    + LIMIT + " bytes).");
            post.chunk("ignored");
            assertThat(post.end()).startsWith("HTTP/1.1 413");
        }
        assertThat(sink.bytes()).hasSize((int) LIMIT);
    }

    @Test
    void aSecondAnswerWhileTheStreamIsOpenIsRefusedAndChangesNothing() throws Exception {
        RecordingSink sink = new RecordingSink();
        deliver("req-7", sink);
        try (StreamingPost post = new StreamingPost(endpoint, "req-7", "text/plain")) {
            post.chunk("one");
            sink.awaitBytes(3);
            HttpResponse<String> second = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + endpoint.address() + "/2018-06-01/runtime/invocation/req-7/response"))
                    .POST(BodyPublishers.ofString("two")).build(), BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(403);
            HttpResponse<String> next = http.send(HttpRequest.newBuilder(
                    URI.create("http://" + endpoint.address() + "/2018-06-01/runtime/invocation/next"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), BodyHandlers.ofString());
            assertThat(next.statusCode()).isEqualTo(403);
            assertThat(post.end()).startsWith("HTTP/1.1 202");
        }
        assertThat(listener.next(RecordingListener.Response.class).requestId()).isEqualTo("req-7");
        assertThat(sink.bytes()).isEqualTo("one");
    }

    /** Offers an invocation and takes it as the runtime does. */
    private void deliver(String requestId, ResponseSink sink) throws Exception {
        CompletableFuture<HttpResponse<String>> next = http.sendAsync(HttpRequest.newBuilder(
                URI.create("http://" + endpoint.address() + "/2018-06-01/runtime/invocation/next")).GET().build(),
                BodyHandlers.ofString());
        listener.next(RecordingListener.Ready.class);
        endpoint.offer(new Invocation(requestId, "{}".getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L, ARN, null,
                null, null, sink));
        assertThat(next.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    /** A streaming {@code POST .../response} written by hand, as a runtime writes it: chunked, with trailers. */
    private static final class StreamingPost implements AutoCloseable {

        private final Socket socket;
        private final OutputStream out;

        StreamingPost(RuntimeApiEndpoint endpoint, String requestId, String contentType) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), endpoint.port());
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            out.write(("POST /2018-06-01/runtime/invocation/" + requestId + "/response HTTP/1.1\r\nHost: x\r\n"
                    + "Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n"
                    + "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n"
                    + "Content-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void chunk(String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String end() throws IOException {
            return end("");
        }

        /** Ends the body with {@code trailers} (each line ending in CRLF) and reads the endpoint's answer's head. */
        String end(String trailers) throws IOException {
            out.write(("0\r\n" + trailers + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** A {@link ResponseSink} that records what it is given, writable or not as a test sets it. Thread-safe. */
    private static final class RecordingSink implements ResponseSink {

        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private volatile String contentType;
        volatile boolean writable = true;
        volatile int chunks;
        final CompletableFuture<Runnable> resume = new CompletableFuture<>();

        @Override
        public void begin(String type) {
            contentType = type;
        }

        @Override
        public synchronized void chunk(byte[] bytes) {
            received.writeBytes(bytes);
            chunks++;
            notifyAll();
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public void onWritable(Runnable resumeIt) {
            resume.complete(resumeIt);
        }

        String contentType() {
            return contentType;
        }

        synchronized String bytes() {
            return received.toString(StandardCharsets.UTF_8);
        }

        /** Waits up to ten seconds until {@code size} bytes arrived. */
        synchronized String awaitBytes(int size) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (received.size() < size && System.nanoTime() < end) {
                wait(100);
            }
            return bytes();
        }
    }
}
