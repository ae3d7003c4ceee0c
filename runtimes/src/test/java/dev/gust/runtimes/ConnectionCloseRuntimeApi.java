package dev.gust.runtimes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scripted Runtime API on a raw socket, for one test: it answers the first {@code GET /next} with an invocation
 * and {@code Connection: close}, closes that connection, then records what the runtime sends on its next
 * connection. Thread-safe; one runtime, one script.
 */
final class ConnectionCloseRuntimeApi implements AutoCloseable {

    /** The request heads seen on the second connection: the answer, then the next {@code GET /next}. */
    record SecondConnection(String answer, String nextRequest) {
    }

    private final ServerSocket server;
    private final CompletableFuture<SecondConnection> second = new CompletableFuture<>();

    ConnectionCloseRuntimeApi() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    SecondConnection second() throws Exception {
        return second.get(20, TimeUnit.SECONDS);
    }

    private void serve() {
        try (Socket first = server.accept()) {
            readRequest(first.getInputStream());
            String payload = "{}";
            first.getOutputStream().write(("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: closing-1\r\n"
                    + "Lambda-Runtime-Deadline-Ms: " + (System.currentTimeMillis() + 60_000) + "\r\n"
                    + "Lambda-Runtime-Invoked-Function-Arn: " + FunctionInstance.FUNCTION_ARN + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + payload.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + payload).getBytes(StandardCharsets.US_ASCII));
            first.getOutputStream().flush();
            try (Socket next = server.accept()) {
                InputStream in = next.getInputStream();
                String answer = readRequest(in);
                next.getOutputStream().write("HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}"
                        .getBytes(StandardCharsets.US_ASCII));
                next.getOutputStream().flush();
                second.complete(new SecondConnection(answer, readRequest(in)));
            }
        } catch (IOException | RuntimeException e) {
            second.completeExceptionally(e);
        }
    }

    /** Reads one request's head and its Content-Length body; returns the head. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the runtime closed the connection after: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
            }
        }
        return text;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
