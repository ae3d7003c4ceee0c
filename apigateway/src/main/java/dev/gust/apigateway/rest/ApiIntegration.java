package dev.gust.apigateway.rest;

import java.util.List;

/**
 * A method's integration: how API Gateway reaches the back end. Gust serves {@code AWS_PROXY} integrations with a
 * Lambda function ({@link LambdaUri}). Immutable.
 *
 * @param type {@code AWS_PROXY}
 * @param httpMethod the integration's HTTP method ({@code POST} for Lambda)
 * @param uri the Lambda invocation URI ({@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<fn-arn>/invocations})
 * @param passthroughBehavior {@code WHEN_NO_MATCH}, {@code WHEN_NO_TEMPLATES} or {@code NEVER}
 * @param timeoutInMillis the integration timeout, 50 to 29000
 * @param cacheNamespace the cache namespace (the resource's id unless given)
 * @param cacheKeyParameters the cache key parameters
 * @param contentHandling {@code CONVERT_TO_BINARY}, {@code CONVERT_TO_TEXT} or {@code null}
 */
public record ApiIntegration(String type, String httpMethod, String uri, String passthroughBehavior,
        int timeoutInMillis, String cacheNamespace, List<String> cacheKeyParameters, String contentHandling) {

    /** API Gateway's default and largest integration timeout for REST APIs. */
    public static final int DEFAULT_TIMEOUT_MILLIS = 29_000;

    public ApiIntegration {
        cacheKeyParameters = cacheKeyParameters == null ? List.of() : List.copyOf(cacheKeyParameters);
    }
}
