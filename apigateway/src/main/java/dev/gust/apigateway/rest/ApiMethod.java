package dev.gust.apigateway.rest;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A method of a resource ({@code GET}, ..., or {@code ANY}) with its integration, if it has one. Immutable.
 *
 * @param httpMethod the verb, upper-case, or {@code ANY}
 * @param authorizationType {@code NONE} or {@code AWS_IAM}
 * @param apiKeyRequired whether an API key is required (not enforced by Gust)
 * @param operationName the operation's name, or {@code null}
 * @param requestParameters the declared request parameters ({@code method.request.path.id} to required)
 * @param integration the integration, or {@code null} when none is set
 */
public record ApiMethod(String httpMethod, String authorizationType, boolean apiKeyRequired, String operationName,
        Map<String, Boolean> requestParameters, ApiIntegration integration) {

    public ApiMethod {
        requestParameters = requestParameters == null ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(requestParameters));
    }

    /** This method with {@code integration} (or none, for {@code null}). */
    public ApiMethod withIntegration(ApiIntegration integration) {
        return new ApiMethod(httpMethod, authorizationType, apiKeyRequired, operationName, requestParameters,
                integration);
    }
}
