package dev.gust.api.auth;

import dev.gust.api.http.RequestAuthenticator;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.HostAndPort;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;

/**
 * The Vert.x side of SigV4: hands a request's raw path, raw query, headers and body to a {@link SigV4Verifier}
 * for the {@code lambda} service, without copying them. Thread-safe; call on the request's event loop.
 */
public final class SigV4Authenticator implements RequestAuthenticator {

    /** The service name Lambda requests are scoped to. */
    public static final String SERVICE = "lambda";

    private final SigV4Verifier verifier;

    public SigV4Authenticator(SigV4Verifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** An authenticator for Lambda requests in {@code region} signed with the given key pair. */
    public SigV4Authenticator(String accessKeyId, String secretAccessKey, String region, InstantSource clock) {
        this(new SigV4Verifier(new Credentials(accessKeyId, secretAccessKey), region, SERVICE, clock));
    }

    @Override
    public void authenticate(HttpServerRequest request, Buffer body) {
        String query = request.query();
        verifier.verify(new SignedRequest(request.method().name(), request.path(), query == null ? "" : query,
                headers(request), body(body)));
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
