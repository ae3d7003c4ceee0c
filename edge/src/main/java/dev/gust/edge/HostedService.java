package dev.gust.edge;

import dev.gust.policy.Policy;
import java.util.Optional;

/**
 * One AWS service that Gust hosts behind the edge: Lambda, STS, and later S3, SQS, SNS and the others. A service
 * names itself by its SigV4 signing name, says which protocol its errors are written in, bounds its request
 * bodies, and registers its operations. It never sees a request the edge has not authenticated and authorized
 * (except the unsigned routes it registers itself). Implementations are thread-safe.
 */
public interface HostedService {

    /** The service name in the SigV4 credential scope ({@code .../us-east-1/lambda/aws4_request}): {@code lambda}, {@code sts}. */
    String signingName();

    /** The wire protocol of the service, which decides how the edge writes its errors (authentication, size, routing). */
    Protocol protocol();

    /**
     * The protocol of one request to this service, for a service that speaks two (SQS: query and JSON 1.0): the
     * edge finds its operation and writes its errors in it. By default {@link #protocol()}.
     */
    default Protocol protocol(io.vertx.core.http.HttpServerRequest request) {
        return protocol();
    }

    /**
     * The paths at which the service's query and JSON 1.x operations are posted: {@code /} by default; SQS's older
     * clients also post to a queue's URL path ({@code /:account/:queue}).
     */
    default java.util.List<String> actionPaths() {
        return java.util.List.of("/");
    }

    /** The largest request body the edge reads for this service; a larger one is refused before it is buffered. */
    long maxRequestBytes();

    /**
     * The resource-based policy of the resource an operation acts on ({@code resource} is what the operation's
     * resource function returned: a function's ARN, a role's ARN for {@code sts:AssumeRole}, whose trust policy this
     * is), or empty if it has none. The edge evaluates it with the caller's identity-based policies. Answered from
     * memory: called on event loops, once per request.
     */
    default Optional<Policy> resourcePolicy(String resource) {
        return java.util.Optional.empty();
    }

    /** Registers the service's operations (and any unsigned routes) with the edge. Called once, at startup. */
    void register(ServiceRoutes routes);
}
