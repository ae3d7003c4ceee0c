package dev.gust.edge;

/**
 * Serves a public endpoint a service registered with {@link ServiceRoutes#endpoint}: function URLs, API Gateway's
 * invoke URLs. Called on the event loop; a handler that blocks must move its work off the event loop itself.
 */
public interface EndpointHandler {

    /** Serves a request whose body the edge has read ({@link EndpointRequest#body()}). */
    void handle(EndpointRequest request);

    /**
     * Answers a request whose body is larger than the endpoint's bound, in the endpoint's own error shape; the body
     * is not read ({@link EndpointRequest#body()} is empty) and the edge closes an HTTP/1 connection once the answer
     * is written.
     */
    void tooLarge(EndpointRequest request);
}
