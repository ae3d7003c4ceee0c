package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.edge.EdgeException;

/** The v2 management API's answer to an unknown API id. Stateless. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** An unknown API id. */
    static EdgeException noSuchApi(String apiId) {
        return ApiGatewayErrors.notFound("Invalid API identifier specified " + apiId);
    }
}
