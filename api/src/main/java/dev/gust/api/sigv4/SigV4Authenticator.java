package dev.gust.api.sigv4;

import dev.gust.api.http.RequestAuthenticator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.InstantSource;
import java.util.List;

/** Authenticates Vert.x requests with a {@link SigV4Verifier} for service {@code lambda}. Thread-safe. */
public final class SigV4Authenticator implements RequestAuthenticator {

    private static final byte[] EMPTY = new byte[0];
    private final SigV4Verifier verifier;

    public SigV4Authenticator(String accessKeyId, String secretAccessKey, String region, InstantSource clock) {
        this.verifier = new SigV4Verifier(accessKeyId, secretAccessKey, region, "lambda", clock);
    }

    @Override
    public void authenticate(HttpServerRequest request, Buffer body) {
        MultiMap headers = request.headers();
        String uri = request.uri();
        int q = uri.indexOf('?');
        String rawPath = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? null : uri.substring(q + 1);
        verifier.verify(request.method().name(), rawPath, rawQuery, name -> {
            List<String> values = headers.getAll(name);
            return values.isEmpty() ? null : String.join(",", values);
        }, body == null ? EMPTY : body.getBytes());
    }
}
