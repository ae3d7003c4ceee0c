package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.core.Account;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations on a REST API's resources, methods and integrations ({@code CreateResource}, {@code PutMethod},
 * {@code PutIntegration}, their gets and deletes), with AWS's validation. Thread-safe; blocks on storage.
 */
final class ResourceService {

    /** The verbs a method may have. */
    static final Set<String> VERBS = Set.of("ANY", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");
    private static final Set<String> AUTHORIZATION_TYPES = Set.of("NONE", "AWS_IAM");
    private static final Set<String> PASSTHROUGH = Set.of("WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER");

    /**
     * What {@code PutMethod} takes.
     *
     * @param authorizationType {@code NONE} or {@code AWS_IAM}
     * @param apiKeyRequired whether an API key is required
     * @param operationName or {@code null}
     * @param requestParameters or {@code null}
     */
    record MethodSettings(String authorizationType, boolean apiKeyRequired, String operationName,
            Map<String, Boolean> requestParameters) {
    }

    /**
     * What {@code PutIntegration} takes.
     *
     * @param type {@code AWS_PROXY}
     * @param integrationHttpMethod the HTTP method of the call to the back end
     * @param uri the Lambda invocation URI
     * @param passthroughBehavior or {@code null} for {@code WHEN_NO_MATCH}
     * @param timeoutInMillis or {@code null} for 29000
     * @param cacheNamespace or {@code null} for the resource's id
     * @param cacheKeyParameters or {@code null}
     * @param contentHandling or {@code null}
     */
    record IntegrationSettings(String type, String integrationHttpMethod, String uri, String passthroughBehavior,
            Integer timeoutInMillis, String cacheNamespace, List<String> cacheKeyParameters, String contentHandling) {
    }

    private final RestApiRegistry registry;

    ResourceService(RestApiRegistry registry) {
        this.registry = registry;
    }

    List<ApiResource> resources(Account account, String apiId) {
        return List.copyOf(registry.require(account, apiId).api().resources().values());
    }

    ApiResource resource(Account account, String apiId, String resourceId) {
        return ResourceEdits.require(registry.require(account, apiId).api(), resourceId);
    }

    ApiResource create(Account account, String apiId, String parentId, String pathPart) {
        String[] id = new String[1];
        HostedApi changed = registry.change(account, apiId, hosted -> {
            id[0] = RestApiIds.fresh(6, new HashSet<>(hosted.api().resources().keySet()));
            return hosted.with(ResourceEdits.createChild(hosted.api(), parentId, pathPart, id[0]));
        });
        return changed.api().resources().get(id[0]);
    }

    void delete(Account account, String apiId, String resourceId) {
        registry.change(account, apiId, hosted -> hosted.with(ResourceEdits.delete(hosted.api(), resourceId)));
    }

    ApiMethod putMethod(Account account, String apiId, String resourceId, String httpMethod, MethodSettings settings) {
        String verb = verb(httpMethod);
        String authorizationType = settings.authorizationType();
        if (authorizationType == null || !AUTHORIZATION_TYPES.contains(authorizationType)) {
            throw ApiGatewayErrors.badRequest("Invalid authorization type specified. Valid values are NONE, AWS_IAM"
                    + " (Gust does not serve CUSTOM or COGNITO_USER_POOLS authorizers)");
        }
        ApiMethod method = new ApiMethod(verb, authorizationType, settings.apiKeyRequired(), settings.operationName(),
                settings.requestParameters(), null);
        registry.change(account, apiId, hosted -> {
            ApiResource resource = ResourceEdits.require(hosted.api(), resourceId);
            if (resource.methods().containsKey(verb)) {
                throw ApiGatewayErrors.conflict("Method already exists for this resource");
            }
            return hosted.with(hosted.api().withResource(resource.withMethod(method)));
        });
        return method;
    }

    ApiMethod method(Account account, String apiId, String resourceId, String httpMethod) {
        return requireMethod(resource(account, apiId, resourceId), httpMethod);
    }

    void deleteMethod(Account account, String apiId, String resourceId, String httpMethod) {
        registry.change(account, apiId, hosted -> {
            ApiResource resource = ResourceEdits.require(hosted.api(), resourceId);
            ApiMethod method = requireMethod(resource, httpMethod);
            return hosted.with(hosted.api().withResource(resource.withoutMethod(method.httpMethod())));
        });
    }

    ApiIntegration putIntegration(Account account, String apiId, String resourceId, String httpMethod,
            IntegrationSettings settings) {
        if (settings.type() == null || !"AWS_PROXY".equals(settings.type())) {
            throw ApiGatewayErrors.badRequest("Gust serves integrations of type AWS_PROXY only, not " + settings.type());
        }
        if (settings.integrationHttpMethod() == null || settings.integrationHttpMethod().isBlank()) {
            throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
        }
        if (!VERBS.contains(settings.integrationHttpMethod())) {
            throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are "
                    + String.join(",", new TreeSet<>(VERBS)));
        }
        LambdaUri.validate(settings.uri());
        String passthrough = settings.passthroughBehavior() == null ? "WHEN_NO_MATCH" : settings.passthroughBehavior();
        if (!PASSTHROUGH.contains(passthrough)) {
            throw ApiGatewayErrors.badRequest("Invalid passthrough behavior specified: " + passthrough);
        }
        int timeout = settings.timeoutInMillis() == null ? ApiIntegration.DEFAULT_TIMEOUT_MILLIS
                : settings.timeoutInMillis();
        if (timeout < 50 || timeout > ApiIntegration.DEFAULT_TIMEOUT_MILLIS) {
            throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
        }
        ApiIntegration[] put = new ApiIntegration[1];
        registry.change(account, apiId, hosted -> {
            ApiResource resource = ResourceEdits.require(hosted.api(), resourceId);
            ApiMethod method = requireMethod(resource, httpMethod);
            put[0] = new ApiIntegration("AWS_PROXY", settings.integrationHttpMethod(), settings.uri(), passthrough,
                    timeout, settings.cacheNamespace() == null ? resource.id() : settings.cacheNamespace(),
                    settings.cacheKeyParameters(), settings.contentHandling());
            return hosted.with(hosted.api().withResource(resource.withMethod(method.withIntegration(put[0]))));
        });
        return put[0];
    }

    ApiIntegration integration(Account account, String apiId, String resourceId, String httpMethod) {
        ApiIntegration integration = method(account, apiId, resourceId, httpMethod).integration();
        if (integration == null) {
            throw ApiGatewayErrors.notFound("Invalid Integration identifier specified");
        }
        return integration;
    }

    void deleteIntegration(Account account, String apiId, String resourceId, String httpMethod) {
        registry.change(account, apiId, hosted -> {
            ApiResource resource = ResourceEdits.require(hosted.api(), resourceId);
            ApiMethod method = requireMethod(resource, httpMethod);
            if (method.integration() == null) {
                throw ApiGatewayErrors.notFound("Invalid Integration identifier specified");
            }
            return hosted.with(hosted.api().withResource(resource.withMethod(method.withIntegration(null))));
        });
    }

    private static ApiMethod requireMethod(ApiResource resource, String httpMethod) {
        ApiMethod method = httpMethod == null ? null : resource.methods().get(httpMethod.toUpperCase(Locale.ROOT));
        if (method == null) {
            throw ApiGatewayErrors.notFound("Invalid Method identifier specified");
        }
        return method;
    }

    private static String verb(String httpMethod) {
        String verb = httpMethod == null ? "" : httpMethod.toUpperCase(Locale.ROOT);
        if (!VERBS.contains(verb)) {
            throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are "
                    + String.join(",", new TreeSet<>(VERBS)));
        }
        return verb;
    }
}
