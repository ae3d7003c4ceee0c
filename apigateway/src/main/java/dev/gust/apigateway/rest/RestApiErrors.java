package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.edge.EdgeException;

/** The REST management API's answer to an unknown API id. Stateless. */
final class RestApiErrors {

    private RestApiErrors() {
    }

    /** The answer to an id that names no API of the caller's namespace. */
    static EdgeException unknownApi(String accountId, String apiId) {
        return ApiGatewayErrors.notFound("Invalid API identifier specified " + accountId + ":" + apiId);
    }
}
