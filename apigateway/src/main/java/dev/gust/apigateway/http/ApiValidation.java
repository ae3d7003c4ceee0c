package dev.gust.apigateway.http;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.httpevents.CorsConfig;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * API Gateway's checks of the v2 management API's inputs, each failing with AWS's {@code BadRequestException}.
 * Stateless.
 */
final class ApiValidation {

    private static final Pattern STAGE_NAME = Pattern.compile("\\$default|[a-zA-Z0-9._~-]{1,128}");
    private static final Pattern STAGE_VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern STAGE_VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9-._~:/?#&=,]{0,2048}");

    private ApiValidation() {
    }

    static String name(String name) {
        if (name == null || name.isEmpty() || name.length() > 128) {
            throw ApiGatewayErrors.badRequest("Name must be between 1 and 128 characters in length");
        }
        return name;
    }

    static String description(String description) {
        if (description != null && description.length() > 1024) {
            throw ApiGatewayErrors.badRequest("Description must be at most 1024 characters in length");
        }
        return description;
    }

    static void protocolType(String protocolType) {
        if ("WEBSOCKET".equals(protocolType)) {
            throw ApiGatewayErrors.badRequest("Gust supports HTTP APIs only: WEBSOCKET APIs are not emulated");
        }
        if (!"HTTP".equals(protocolType)) {
            throw ApiGatewayErrors.badRequest("Invalid protocol type specified: " + protocolType
                    + ". Valid values are [WEBSOCKET, HTTP]");
        }
    }

    /** {@code key} parsed, or the error AWS gives for a route key an HTTP API cannot have. */
    static RouteKey routeKey(String key) {
        return RouteKey.parse(key).orElseThrow(() -> ApiGatewayErrors.badRequest("The provided route key \"" + key
                + "\" is not formatted properly for HTTP protocol. Format should be \"<HTTP METHOD> /<PATH>\" or"
                + " \"$default\""));
    }

    static String authorizationType(String type) {
        if (type == null || type.equals("NONE") || type.equals("AWS_IAM")) {
            return type;
        }
        if (type.equals("JWT") || type.equals("CUSTOM")) {
            throw ApiGatewayErrors.badRequest("Gust does not emulate " + type + " authorizers: use NONE or AWS_IAM");
        }
        throw ApiGatewayErrors.badRequest("Invalid authorization type specified: " + type
                + ". Valid values are [NONE, AWS_IAM, CUSTOM, JWT]");
    }

    static void integrationType(String type) {
        if (!Integration.AWS_PROXY.equals(type)) {
            throw ApiGatewayErrors.badRequest("Gust serves Lambda proxy integrations only: IntegrationType must be AWS_PROXY,"
                    + " got " + type);
        }
    }

    static String integrationUri(String uri) {
        if (uri == null) {
            throw ApiGatewayErrors.badRequest("IntegrationUri is required for AWS_PROXY integrations");
        }
        if (!LambdaTarget.plausible(uri)) {
            throw ApiGatewayErrors.badRequest("Invalid integration URI specified: " + uri
                    + ". It must be a Lambda function ARN");
        }
        return uri;
    }

    static String payloadFormatVersion(String version) {
        if (version == null) {
            throw ApiGatewayErrors.badRequest("PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs");
        }
        if (!version.equals("1.0") && !version.equals("2.0")) {
            throw ApiGatewayErrors.badRequest("Unsupported payload format version specified: " + version
                    + ". Valid values are [1.0, 2.0]");
        }
        return version;
    }

    static int timeout(Integer timeout) {
        if (timeout == null) {
            return Integration.MAX_TIMEOUT_MILLIS;
        }
        if (timeout < 50 || timeout > Integration.MAX_TIMEOUT_MILLIS) {
            throw ApiGatewayErrors.badRequest("Timeout must be between 50 milliseconds and 30 seconds.");
        }
        return timeout;
    }

    static String stageName(String name) {
        if (name == null || !STAGE_NAME.matcher(name).matches()) {
            throw ApiGatewayErrors.badRequest("Stage name only allows a-zA-Z0-9_ and must be at most 128 characters, or"
                    + " $default");
        }
        return name;
    }

    static Map<String, String> stageVariables(Map<String, String> variables) {
        if (variables == null) {
            return null;
        }
        for (var variable : variables.entrySet()) {
            if (!STAGE_VARIABLE_NAME.matcher(variable.getKey()).matches()
                    || !STAGE_VARIABLE_VALUE.matcher(variable.getValue()).matches()) {
                throw ApiGatewayErrors.badRequest("Stage variable names must match [A-Za-z0-9_]{1,64} and their values"
                        + " [A-Za-z0-9-._~:/?#&=,]{0,2048}: " + variable.getKey());
            }
        }
        return variables;
    }

    /** The CORS configuration {@code input} describes, or {@code null}. */
    static CorsConfig cors(ApiInput input) {
        if (input == null) {
            return null;
        }
        Integer maxAge = input.integer("maxAge");
        if (maxAge != null && (maxAge < -1 || maxAge > 86400)) {
            throw ApiGatewayErrors.badRequest("MaxAge must be between -1 and 86400");
        }
        List<String> origins = input.stringList("allowOrigins");
        boolean credentials = input.bool("allowCredentials", false);
        if (credentials && origins != null && origins.contains("*")) {
            throw ApiGatewayErrors.badRequest("allow-credentials is not supported if allow-origins is *");
        }
        return new CorsConfig(credentials, input.stringList("allowHeaders"), input.stringList("allowMethods"),
                origins, input.stringList("exposeHeaders"), maxAge);
    }
}
