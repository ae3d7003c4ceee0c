package dev.gust.edge.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that sends nothing: it records each request exactly as the SDK would put it on the
 * wire and answers {@code 200 {}}. Not thread-safe; one client per test.
 */
final class CapturingHttpClient implements SdkHttpClient {

    private final List<WireRequest> requests = new ArrayList<>();

    List<WireRequest> requests() {
        return requests;
    }

    WireRequest last() {
        return requests.getLast();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                byte[] body = request.contentStreamProvider().map(provider -> {
                    try (InputStream in = provider.newStream()) {
                        return in.readAllBytes();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).orElse(new byte[0]);
                requests.add(WireRequest.of(request.httpRequest().method().name(), request.httpRequest().getUri(),
                        request.httpRequest().headers(), body));
                byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/json")
                                .putHeader("Content-Length", Integer.toString(json.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(json)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public void close() {
    }
}
