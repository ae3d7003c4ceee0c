package dev.gust.httpevents;

import java.util.Map;

/**
 * What an HTTP trigger knows about a request beyond the request itself, for the event's {@code requestContext}, its
 * path parameters and stage variables. The events helper may add components; build it with {@link #builder()}.
 *
 * @param accountId the account that owns the API or function URL
 * @param apiId the function URL's id or the API's id
 * @param domainName the host the client used, without the port ({@code abc.lambda-url.us-east-1.localhost}); for a
 *     path-form request, the host form's name
 * @param domainPrefix the first label of {@code domainName}
 * @param requestId the request id of the trigger (also the response's {@code x-amzn-RequestId} or
 *     {@code apigw-requestid})
 * @param routeKey {@code $default} for function URLs; the matched route's key ({@code GET /items/{id}}) for HTTP APIs
 * @param stage {@code $default} for function URLs; the stage's name for APIs
 * @param resourcePath REST APIs and payload 1.0: the matched resource ({@code /items/{id}}), else {@code null}
 * @param resourceId REST APIs: the resource's id, else {@code null}
 * @param pathParameters the matched path parameters, or {@code null} when the route has none
 * @param stageVariables the stage's variables, or {@code null} when it has none
 * @param authorizer the {@code requestContext.authorizer} object as JSON-serializable maps ({@code {"iam": {...}}}),
 *     or {@code null}
 * @param extendedRequestId payload 1.0: {@code requestContext.extendedRequestId}; {@code null} derives one from
 *     {@code requestId}
 * @param deploymentId REST APIs: the stage's deployment id ({@code requestContext.deploymentId}), else {@code null}
 */
public record EventContext(String accountId, String apiId, String domainName, String domainPrefix, String requestId,
        String routeKey, String stage, String resourcePath, String resourceId, Map<String, String> pathParameters,
        Map<String, String> stageVariables, Map<String, Object> authorizer, String extendedRequestId,
        String deploymentId) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link EventContext}; unset components are {@code null}. */
    public static final class Builder {
        private String accountId;
        private String apiId;
        private String domainName;
        private String domainPrefix;
        private String requestId;
        private String routeKey = "$default";
        private String stage = "$default";
        private String resourcePath;
        private String resourceId;
        private Map<String, String> pathParameters;
        private Map<String, String> stageVariables;
        private Map<String, Object> authorizer;
        private String extendedRequestId;
        private String deploymentId;

        public Builder accountId(String v) { accountId = v; return this; }
        public Builder apiId(String v) { apiId = v; return this; }
        public Builder domainName(String v) { domainName = v; return this; }
        public Builder domainPrefix(String v) { domainPrefix = v; return this; }
        public Builder requestId(String v) { requestId = v; return this; }
        public Builder routeKey(String v) { routeKey = v; return this; }
        public Builder stage(String v) { stage = v; return this; }
        public Builder resourcePath(String v) { resourcePath = v; return this; }
        public Builder resourceId(String v) { resourceId = v; return this; }
        public Builder pathParameters(Map<String, String> v) { pathParameters = v; return this; }
        public Builder stageVariables(Map<String, String> v) { stageVariables = v; return this; }
        public Builder authorizer(Map<String, Object> v) { authorizer = v; return this; }
        public Builder extendedRequestId(String v) { extendedRequestId = v; return this; }
        public Builder deploymentId(String v) { deploymentId = v; return this; }

        public EventContext build() {
            return new EventContext(accountId, apiId, domainName, domainPrefix, requestId, routeKey, stage,
                    resourcePath, resourceId, pathParameters, stageVariables, authorizer, extendedRequestId,
                    deploymentId);
        }
    }
}
