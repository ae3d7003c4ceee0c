package dev.gust.functionurls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gust.core.invoke.InvocationResult;
import dev.gust.core.invoke.ResponseStream;
import dev.gust.httpevents.Header;
import dev.gust.httpevents.HttpResponse;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A {@code RESPONSE_STREAM} URL's response while its function writes it: chunked HTTP, each of the function's
 * chunks written as it arrives. A function that used {@code awslambda.HttpResponseStream.from} declares the content
 * type {@code application/vnd.awslambda.http-integration-response} and starts its stream with the prelude (a JSON
 * object with {@code statusCode}, {@code headers} and {@code cookies}, then eight NUL bytes), which becomes the status
 * and the headers; any other stream is the body of a {@code 200} with the content type the runtime declared
 * ({@code application/octet-stream} by default), as on AWS. An engine that does not call {@link #start} leaves the
 * kind to the bytes: a stream that opens with a JSON object followed by eight NUL bytes has a prelude.
 *
 * <p>Back-pressure: {@link #writable()} is false while the connection's write queue is full (or a megabyte waits for
 * the event loop), and the engine's {@link #onWritable} handler runs when it drains. The engine calls {@link #chunk}
 * from one thread at a time; every write is moved to the request's event loop, in order.
 */
final class StreamedAnswer implements ResponseStream {

    /** The content type of a stream that starts with a prelude. */
    static final String HTTP_INTEGRATION = "application/vnd.awslambda.http-integration-response";
    /** The delimiter after the prelude: eight NUL bytes. */
    static final int DELIMITER_LENGTH = 8;
    /** How much of a stream is looked at for a prelude before it is taken for body. */
    static final int PRELUDE_LIMIT = 64 * 1024;
    /** How many bytes may wait for the event loop before the stream says it is not writable. */
    static final int MAX_PENDING_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Context context;
    private final HttpServerResponse response;
    private final String traceId;
    private final UnaryOperator<HttpResponse> cors;
    /** Bytes handed to the event loop and not yet written to the connection. */
    private final AtomicLong pending = new AtomicLong();
    /** The stream's start while it may still be a prelude; {@code null} once the head is written. Engine's thread. */
    private ByteArrayOutputStream start = new ByteArrayOutputStream();
    /** The content type the runtime declared, or {@code null} until (or unless) the engine says. Engine's thread. */
    private String declared;

    /**
     * @param cors adds the URL's CORS headers to the response's head (identity without CORS)
     */
    StreamedAnswer(Context context, HttpServerResponse response, String traceId, UnaryOperator<HttpResponse> cors) {
        this.context = context;
        this.response = response;
        this.traceId = traceId;
        this.cors = cors;
    }

    @Override
    public void start(String contentType, String executedVersion) {
        declared = contentType == null ? "application/octet-stream" : contentType;
    }

    @Override
    public void chunk(byte[] bytes) {
        if (start == null) {
            write(bytes);
            return;
        }
        start.writeBytes(bytes);
        byte[] seen = start.toByteArray();
        boolean mayHavePrelude = declared == null ? seen.length == 0 || seen[0] == '{'
                : declared.equals(HTTP_INTEGRATION);
        if (!mayHavePrelude) {
            begin(null, seen, 0);
            return;
        }
        int delimiter = delimiter(seen);
        if (delimiter >= 0) {
            HttpResponse head = prelude(Arrays.copyOfRange(seen, 0, delimiter));
            begin(head, seen, head == null ? 0 : delimiter + DELIMITER_LENGTH);
        } else if (seen.length > PRELUDE_LIMIT) {
            begin(null, seen, 0);
        }
    }

    @Override
    public boolean writable() {
        return pending.get() < MAX_PENDING_BYTES && !response.writeQueueFull();
    }

    @Override
    public void onWritable(Runnable resume) {
        context.runOnContext(v -> {
            if (response.closed() || pending.get() < MAX_PENDING_BYTES && !response.writeQueueFull()) {
                resume.run(); // drained (or gone) before the engine asked: no drain event will come
            } else {
                response.drainHandler(drained -> resume.run());
            }
        });
    }

    /** Ends the response when the function is done: a failure before the head is a 502, after it a cut stream. */
    void complete(InvocationResult result, Throwable failure, Runnable onFailure) {
        if (failure != null || result.functionError() != null) {
            context.runOnContext(v -> onFailure.run());
            return;
        }
        if (start != null) {
            begin(null, start.toByteArray(), 0);
        }
        context.runOnContext(v -> {
            if (!response.closed()) {
                response.end();
            }
        });
    }

    /** Writes the head ({@code head}, or a 200 of octets) and what follows the prelude in {@code seen}. */
    private void begin(HttpResponse head, byte[] seen, int bodyFrom) {
        start = null;
        HttpResponse mapped = cors.apply(head != null ? head : new HttpResponse(200, List.of(), null));
        byte[] body = Arrays.copyOfRange(seen, bodyFrom, seen.length);
        pending.addAndGet(body.length);
        context.runOnContext(v -> {
            pending.addAndGet(-body.length);
            if (response.closed()) {
                return;
            }
            UrlResponses.head(response, mapped.statusCode(), mapped.headers(), traceId, bodyContentType(head));
            response.setChunked(true);
            if (body.length > 0) {
                response.write(Buffer.buffer(body));
            } else {
                response.writeHead();
            }
        });
    }

    /** The {@code Content-Type} when the function's head names none. */
    private String bodyContentType(HttpResponse head) {
        if (head != null) {
            return UrlResponses.DEFAULT_CONTENT_TYPE;
        }
        return declared == null || declared.equals(HTTP_INTEGRATION) ? "application/octet-stream" : declared;
    }

    private void write(byte[] bytes) {
        pending.addAndGet(bytes.length);
        context.runOnContext(v -> {
            pending.addAndGet(-bytes.length);
            if (!response.closed()) {
                response.write(Buffer.buffer(bytes));
            }
        });
    }

    /** Where the eight NUL bytes after a prelude start, or -1. */
    static int delimiter(byte[] bytes) {
        int run = 0;
        for (int i = 0; i < bytes.length; i++) {
            run = bytes[i] == 0 ? run + 1 : 0;
            if (run == DELIMITER_LENGTH) {
                return i - DELIMITER_LENGTH + 1;
            }
        }
        return -1;
    }

    /** The head a prelude gives, or {@code null} when {@code json} is no prelude. */
    static HttpResponse prelude(byte[] json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode status = node.get("statusCode");
        int statusCode = status != null && status.canConvertToInt() ? status.asInt() : 200;
        List<Header> headers = new ArrayList<>();
        JsonNode fields = node.get("headers");
        if (fields != null && fields.isObject()) {
            for (Map.Entry<String, JsonNode> field : fields.properties()) {
                headers.add(new Header(field.getKey(), field.getValue().isTextual() ? field.getValue().asText()
                        : field.getValue().toString()));
            }
        }
        JsonNode cookies = node.get("cookies");
        if (cookies != null && cookies.isArray()) {
            cookies.forEach(cookie -> headers.add(new Header("Set-Cookie", cookie.asText())));
        }
        return new HttpResponse(statusCode, headers, null);
    }
}
