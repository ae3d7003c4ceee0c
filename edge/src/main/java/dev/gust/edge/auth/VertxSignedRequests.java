package dev.gust.edge.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.HostAndPort;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The Vert.x side of SigV4: a {@link SignedRequest} view of a request's raw path, raw query, headers and body,
 * without copying them. Stateless; call on the request's event loop.
 */
public final class VertxSignedRequests {

    private VertxSignedRequests() {
    }

    /**
     * The request as the verifier sees it.
     *
     * @param body the body as received, or {@code null} before it is read
     */
    public static SignedRequest of(HttpServerRequest request, Buffer body) {
        String query = request.query();
        return new SignedRequest(request.method().name(), request.path(), query == null ? "" : query,
                headers(request), body(body));
    }

    /**
     * The request's headers; over HTTP/2, which has no {@code Host} header, {@code host} answers the
     * {@code :authority} the client signed instead.
     */
    private static RequestHeaders headers(HttpServerRequest request) {
        return name -> {
            List<String> values = request.headers().getAll(name);
            if (values.isEmpty() && name.equalsIgnoreCase("host")) {
                HostAndPort authority = request.authority();
                if (authority != null) {
                    return List.of(authority.port() < 0 ? authority.host() : authority.host() + ':' + authority.port());
                }
            }
            return values;
        };
    }

    /** The body without a copy where Vert.x allows it; a 6 MB invoke payload should not be copied to be hashed. */
    private static ByteBuffer body(Buffer body) {
        if (body == null || body.length() == 0) {
            return null;
        }
        if (body instanceof BufferInternal internal) {
            return internal.getByteBuf().nioBuffer();
        }
        return ByteBuffer.wrap(body.getBytes());
    }
}
