package dev.gust.apigateway.rest;

import dev.gust.apigateway.ApiGatewayErrors;
import dev.gust.core.Account;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URI of a Lambda proxy integration, {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<fn-arn>/invocations},
 * and the function it names. The function ARN may hold stage variables ({@code ${stageVariables.fn}}), resolved per
 * request. Stateless.
 */
final class LambdaUri {

    private static final Pattern SERVICE_ARN = Pattern.compile("arn:(aws[a-z-]*):apigateway:([a-z0-9-]+):([a-z0-9-]+):(.*)");
    private static final Pattern LAMBDA_PATH = Pattern.compile("path/2015-03-31/functions/(.+)/invocations");
    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\\d{12}):function:([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]{1,128}))?");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");
    private static final String ONLY_LAMBDA =
            "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.";

    /**
     * The function a URI names once its stage variables are resolved.
     *
     * @param account the function's account and region
     * @param functionName its name
     * @param qualifier its version or alias, if the ARN has one
     */
    record Target(Account account, String functionName, Optional<String> qualifier) {
    }

    private LambdaUri() {
    }

    /** Checks {@code uri} as PutIntegration does for an {@code AWS_PROXY} integration. */
    static void validate(String uri) {
        if (uri == null || uri.isBlank()) {
            throw ApiGatewayErrors.badRequest("Integrations of type 'AWS_PROXY' require a URI");
        }
        Matcher service = SERVICE_ARN.matcher(uri);
        if (!service.matches()) {
            throw ApiGatewayErrors.badRequest("Invalid ARN specified in the request");
        }
        String rest = service.group(4);
        if (!rest.startsWith("path/") && !rest.startsWith("action/")) {
            throw ApiGatewayErrors.badRequest("AWS ARN for integration must contain path or action");
        }
        if (!"lambda".equals(service.group(3))) {
            throw ApiGatewayErrors.badRequest(ONLY_LAMBDA);
        }
        Matcher path = LAMBDA_PATH.matcher(rest);
        if (!path.matches()) {
            throw ApiGatewayErrors.badRequest(ONLY_LAMBDA);
        }
        String function = path.group(1);
        if (!STAGE_VARIABLE.matcher(function).find() && target(uri, Map.of()).isEmpty()) {
            throw ApiGatewayErrors.badRequest(ONLY_LAMBDA);
        }
    }

    /** The function {@code uri} names with {@code stageVariables} substituted, or empty if it names none. */
    static Optional<Target> target(String uri, Map<String, String> stageVariables) {
        Matcher service = SERVICE_ARN.matcher(uri);
        if (!service.matches()) {
            return Optional.empty();
        }
        Matcher path = LAMBDA_PATH.matcher(service.group(4));
        if (!path.matches()) {
            return Optional.empty();
        }
        Matcher variables = STAGE_VARIABLE.matcher(path.group(1));
        StringBuilder resolved = new StringBuilder();
        while (variables.find()) {
            variables.appendReplacement(resolved,
                    Matcher.quoteReplacement(stageVariables.getOrDefault(variables.group(1), "")));
        }
        variables.appendTail(resolved);
        Matcher function = FUNCTION_ARN.matcher(resolved);
        if (!function.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Target(new Account(function.group(3), function.group(2)), function.group(4),
                    Optional.ofNullable(function.group(5))));
        } catch (IllegalArgumentException notARegion) {
            return Optional.empty();
        }
    }
}
