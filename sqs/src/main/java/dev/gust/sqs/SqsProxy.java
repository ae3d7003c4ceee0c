package dev.gust.sqs;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;

/**
 * Forwards a request the edge has authenticated and authorized to a namespace's ElasticMQ on {@code 127.0.0.1}, as
 * it came (the path, the protocol's headers, the body, the client's {@code Host}, from which ElasticMQ builds queue
 * URLs), and returns ElasticMQ's answer. One pooled HTTP client, kept alive; thread-safe.
 */
final class SqsProxy {

    /** Longer than the longest long poll (20 s). */
    private static final long TIMEOUT_MILLIS = 60_000;
    private static final String[] FORWARDED = {"Content-Type", "X-Amz-Target", "Accept", "Accept-Encoding"};
    private static final String[] RETURNED = {"Content-Type", "x-amzn-query-error"};

    private final HttpClientAgent client;

    SqsProxy(Vertx vertx) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true), // long polls hold a connection for up to 20 s each: room for many pollers beside the senders
                new PoolOptions().setHttp1MaxSize(2_048));
    }

    /** ElasticMQ's answer: status, the headers clients read, and the body. */
    record Answer(int status, MultiMap headers, Buffer body) {
    }

    /**
     * Sends a request to the ElasticMQ at {@code port}.
     *
     * @param host the {@code Host} the client called (queue URLs name it), or {@code null}
     */
    Future<Answer> forward(int port, String uri, MultiMap requestHeaders, String host, Buffer body) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI(uri).setIdleTimeout(TIMEOUT_MILLIS);
        HostAndPort authority = host == null ? null : HostAndPort.parseAuthority(host, -1);
        for (String name : FORWARDED) {
            String value = requestHeaders.get(name);
            if (value != null) {
                options.putHeader(name, value);
            }
        }
        return client.request(options).compose(request -> {
            if (authority != null) {
                request.authority(authority); // else ElasticMQ names 127.0.0.1 in queue URLs
            }
            return request.send(body);
        }).compose(response -> response.body()
                .map(answer -> {
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
                    for (String name : RETURNED) {
                        String value = response.getHeader(name);
                        if (value != null) {
                            headers.add(name, value);
                        }
                    }
                    if (!headers.contains(HttpHeaders.CONTENT_TYPE)) {
                        headers.add(HttpHeaders.CONTENT_TYPE, "text/xml");
                    }
                    return new Answer(response.statusCode(), headers, answer);
                }));
    }

    void close() {
        client.close();
    }
}
