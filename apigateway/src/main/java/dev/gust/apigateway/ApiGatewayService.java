package dev.gust.apigateway;

import dev.gust.edge.HostedService;
import dev.gust.edge.Protocol;
import dev.gust.edge.ServiceRoutes;
import java.util.List;

/**
 * Amazon API Gateway as a hosted service: the management APIs of HTTP APIs and REST APIs (both signed as
 * {@code apigateway}, rest-json) and their invoke URLs, the public endpoint {@code execute-api}
 * ({@code <api-id>.execute-api.<region>.localhost}, or {@code /_gust/execute-api/<api-id>/...}). Thread-safe.
 */
public final class ApiGatewayService implements HostedService {

    /** The largest management request (an imported OpenAPI definition) and invoke request API Gateway accepts. */
    public static final long MAX_REQUEST_BYTES = 10L * 1024 * 1024;

    private final List<ApiFamily> families;

    public ApiGatewayService(List<ApiFamily> families) {
        this.families = List.copyOf(families);
    }

    @Override
    public String signingName() {
        return "apigateway";
    }

    @Override
    public Protocol protocol() {
        return Protocol.REST_JSON;
    }

    @Override
    public long maxRequestBytes() {
        return MAX_REQUEST_BYTES;
    }

    @Override
    public void register(ServiceRoutes routes) {
        for (ApiFamily family : families) {
            family.register(routes);
        }
        routes.endpoint("execute-api", MAX_REQUEST_BYTES, new ExecuteApiEndpoint(families));
    }
}
