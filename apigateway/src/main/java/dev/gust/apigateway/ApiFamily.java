package dev.gust.apigateway;

import dev.gust.edge.EndpointRequest;
import dev.gust.edge.ServiceRoutes;

/**
 * One kind of API that API Gateway hosts: HTTP APIs ({@code apigatewayv2}, package {@code http}) or REST APIs
 * ({@code apigateway} v1, package {@code rest}). Each registers its management operations and serves the invoke
 * URLs of its own APIs. Thread-safe.
 */
public interface ApiFamily {

    /** Registers the family's management operations (rest-json, signing name {@code apigateway}). */
    void register(ServiceRoutes routes);

    /** Whether {@code apiId} names one of this family's APIs (in any account and region: API ids are unique). */
    boolean serves(String apiId);

    /** Serves a request to one of this family's APIs' invoke URLs ({@link #serves} answered true). */
    void serve(EndpointRequest request);
}
