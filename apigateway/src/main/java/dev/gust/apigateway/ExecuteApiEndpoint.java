package dev.gust.apigateway;

import dev.gust.edge.EndpointHandler;
import dev.gust.edge.EndpointRequest;
import java.util.List;

/**
 * The invoke URLs of every API: hands a request to the family whose API its id names, or answers API Gateway's
 * {@code 404 {"message":"Not Found"}}. Thread-safe.
 */
final class ExecuteApiEndpoint implements EndpointHandler {

    private final List<ApiFamily> families;

    ExecuteApiEndpoint(List<ApiFamily> families) {
        this.families = families;
    }

    @Override
    public void handle(EndpointRequest request) {
        for (ApiFamily family : families) {
            if (family.serves(request.id())) {
                family.serve(request);
                return;
            }
        }
        request.context().response().setStatusCode(404).putHeader("Content-Type", "application/json")
                .putHeader("apigw-requestid", request.requestId()).end("{\"message\":\"Not Found\"}");
    }

    @Override
    public void tooLarge(EndpointRequest request) {
        request.context().response().setStatusCode(413).putHeader("Content-Type", "application/json")
                .end("{\"message\":\"Request Entity Too Large\"}");
    }
}
