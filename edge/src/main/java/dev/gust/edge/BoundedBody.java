package dev.gust.edge;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * Reads a request body into memory, never more than a bound: a declared {@code Content-Length} above it is refused
 * before a byte is read, and a chunked body is refused as soon as it passes it. Answers {@code 100 Continue} when
 * the client waits for it, so a client asks to send only after its request was authenticated. Used on the
 * request's event loop, once per request; the body is whatever the bytes are, never form-decoded.
 */
final class BoundedBody implements Handler<Buffer> {

    /** The most a body buffer reserves up front, whatever {@code Content-Length} claims. */
    private static final int MAX_INITIAL_CAPACITY = 1 << 20;

    private final long max;
    private final Buffer body;
    private final Runnable tooLarge;
    private boolean refused;

    private BoundedBody(long max, int initialCapacity, Runnable tooLarge) {
        this.max = max;
        this.body = Buffer.buffer(initialCapacity);
        this.tooLarge = tooLarge;
    }

    /**
     * Reads the body of {@code request}, then calls {@code complete} with it; or calls {@code tooLarge} (once, and
     * {@code complete} never) when it is larger than {@code max} bytes.
     */
    static void read(HttpServerRequest request, long max, Consumer<Buffer> complete, Runnable tooLarge) {
        long declared = declaredLength(request);
        if (declared > max) {
            tooLarge.run();
            return;
        }
        if (request.isEnded()) {
            complete.accept(Buffer.buffer(0));
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            request.response().writeContinue();
        }
        BoundedBody reader = new BoundedBody(max, (int) Math.min(declared < 0 ? 1024 : declared, MAX_INITIAL_CAPACITY),
                tooLarge);
        request.handler(reader);
        request.endHandler(end -> {
            if (!reader.refused) {
                complete.accept(reader.body);
            }
        });
    }

    @Override
    public void handle(Buffer chunk) {
        if (refused) {
            return;
        }
        if (body.length() + (long) chunk.length() > max) {
            refused = true;
            tooLarge.run();
            return;
        }
        body.appendBuffer(chunk);
    }

    /** The {@code Content-Length} header's value, or -1 if it is absent or not a number. */
    static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        long length = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            length = length * 10 + (c - '0');
        }
        return length;
    }
}
