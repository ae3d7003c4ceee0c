package dev.gust.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One keep-alive HTTP/1.1 client connection with one request outstanding at a time: writes a prebuilt request,
 * reads the status line, the headers it needs and the body (by {@code Content-Length} or chunked), and discards
 * the rest. Minimal on purpose, so the load generator costs little next to the server. Not thread-safe.
 */
final class HttpConnection implements AutoCloseable {

    /**
     * What one exchange returned.
     *
     * @param firstBodyNanos when the body's first bytes were there to read ({@link System#nanoTime()}): after the
     *     head for a {@code Content-Length} body, after the first chunk's size line for a chunked one
     */
    record Reply(int status, boolean functionError, int bodyLength, long firstBodyNanos) {
    }

    /** A reply slower than this counts as a failure instead of hanging the run (longest handler sleep: 8 s). */
    static final int READ_TIMEOUT_MILLIS = 120_000;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] line = new byte[8192];
    private final byte[] skip = new byte[16384];

    HttpConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16384);
    }

    Reply exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int length = readLine();
        int status = parseStatus(length);
        long contentLength = -1;
        boolean chunked = false;
        boolean functionError = false;
        while ((length = readLine()) > 0) {
            if (startsWithIgnoreCase(length, "content-length:")) {
                contentLength = Long.parseLong(value(length, 15));
            } else if (startsWithIgnoreCase(length, "transfer-encoding:")) {
                chunked = value(length, 18).equalsIgnoreCase("chunked");
            } else if (startsWithIgnoreCase(length, "x-amz-function-error:")) {
                functionError = true;
            }
        }
        int body;
        long firstBody;
        if (chunked) {
            int first = readLine();
            firstBody = System.nanoTime();
            body = readChunked(first);
        } else {
            firstBody = System.nanoTime();
            body = (int) Math.max(contentLength, 0);
            discard(body);
        }
        return new Reply(status, functionError, body, firstBody);
    }

    /** Reads a chunked body whose first size line, {@code firstLength} bytes, is in {@link #line} already. */
    private int readChunked(int firstLength) throws IOException {
        int total = 0;
        int length = firstLength;
        while (true) {
            String size = new String(line, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1);
            int semicolon = size.indexOf(';');
            int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (chunk == 0) {
                while (readLine() > 0) {
                    // trailers
                }
                return total;
            }
            discard(chunk);
            readLine();
            total += chunk;
            length = readLine();
        }
    }

    private void discard(long count) throws IOException {
        while (count > 0) {
            int read = in.read(skip, 0, (int) Math.min(skip.length, count));
            if (read < 0) {
                throw new EOFException("connection closed in a body");
            }
            count -= read;
        }
    }

    /** Reads one line without its CRLF into {@link #line}; returns its length. */
    private int readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b == '\n') {
                return length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            }
            if (length < line.length) {
                line[length++] = (byte) b;
            }
        }
    }

    private int parseStatus(int length) throws IOException {
        if (length < 12 || line[0] != 'H') {
            throw new IOException("not an HTTP status line");
        }
        return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    private boolean startsWithIgnoreCase(int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int length, int from) {
        return new String(line, from, length - from, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only
        }
    }
}
