package dev.gust.functionurls;

import dev.gust.core.urls.FunctionUrlConfig;
import dev.gust.edge.Caller;
import dev.gust.edge.EndpointRequest;
import dev.gust.httpevents.IamAuthorizer;
import dev.gust.httpevents.EventContext;
import dev.gust.httpevents.Header;
import dev.gust.httpevents.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;

/**
 * Turns a request to a function URL into what the event is built from: the {@link HttpRequest} with the headers
 * AWS's front end adds ({@code x-amzn-trace-id}, {@code x-forwarded-for}, {@code x-forwarded-proto},
 * {@code x-forwarded-port}), and the {@link EventContext} ({@code requestContext}, with {@code authorizer.iam} for an
 * {@code AWS_IAM} URL). Stateless.
 */
final class UrlRequests {

    private UrlRequests() {
    }

    /** The request as the function's event shows it. */
    static HttpRequest of(EndpointRequest request, FunctionUrlConfig url, String traceId, Instant now) {
        var http = request.request();
        List<Header> headers = new ArrayList<>(http.headers().size() + 4);
        String port = Integer.toString(http.localAddress() == null ? 0 : http.localAddress().port());
        for (Entry<String, String> header : http.headers()) {
            String name = header.getKey();
            if (request.pathForm() && name.equalsIgnoreCase("Host")) {
                // the path form looks like the host form to the function
                headers.add(new Header(name, url.host() + ":" + port));
            } else if (!isFrontEndHeader(name)) {
                headers.add(new Header(name, header.getValue()));
            }
        }
        headers.add(new Header("x-amzn-trace-id", traceId));
        String sourceIp = request.sourceIp();
        if (sourceIp != null) {
            headers.add(new Header("x-forwarded-for", sourceIp));
        }
        headers.add(new Header("x-forwarded-proto", http.isSSL() ? "https" : "http"));
        headers.add(new Header("x-forwarded-port", port));
        return new HttpRequest(http.method().name(), request.path(), request.rawQuery(), headers,
                request.body().getBytes(), sourceIp, "HTTP/1.1", now);
    }

    /** The headers AWS's front end sets itself, whatever the client sent. */
    private static boolean isFrontEndHeader(String name) {
        return name.equalsIgnoreCase("x-amzn-trace-id") || name.equalsIgnoreCase("x-forwarded-for")
                || name.equalsIgnoreCase("x-forwarded-proto") || name.equalsIgnoreCase("x-forwarded-port");
    }

    /**
     * The event's {@code requestContext} facts; {@code caller} is the signer of an {@code AWS_IAM} URL's request.
     * {@code accountId} is {@code anonymous} for a public URL and the function's owner for an {@code AWS_IAM} one
     * (whose signer's account is {@code authorizer.iam.accountId}).
     */
    static EventContext context(FunctionUrlConfig url, String requestId, Caller caller) {
        return EventContext.builder()
                .accountId(caller == null ? "anonymous" : url.account().accountId())
                .apiId(url.urlId())
                .domainName(url.host())
                .domainPrefix(url.urlId())
                .requestId(requestId)
                .authorizer(caller == null ? null
                        : IamAuthorizer.of(caller.accessKeyId(), caller.accountId(), caller.userId(), caller.arn()))
                .build();
    }
}
