package dev.gust.apigateway.http;

import dev.gust.core.Account;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The function a Lambda proxy integration invokes, read from its {@code IntegrationUri}: a function ARN (with a
 * version or alias), or API Gateway's form
 * {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<function-arn>/invocations}, with any
 * {@code ${stageVariables.<name>}} replaced by the stage's value. Immutable.
 *
 * @param account the account and region of the function
 * @param functionName the function's name
 * @param qualifier its version or alias; empty for {@code $LATEST}
 */
public record LambdaTarget(Account account, String functionName, Optional<String> qualifier) {

    private static final Pattern FUNCTION_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(-gov)?-[a-z]+-\\d):(\\d{12}):function:([a-zA-Z0-9_-]{1,64})"
                    + "(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?");
    private static final Pattern APIGATEWAY_FORM = Pattern.compile(
            "arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(.+)/invocations");
    private static final Pattern STAGE_VARIABLE = Pattern.compile("\\$\\{stageVariables\\.([A-Za-z0-9_]+)}");

    /** The function {@code uri} names under {@code stageVariables}, or empty when it names none. */
    public static Optional<LambdaTarget> parse(String uri, Map<String, String> stageVariables) {
        if (uri == null) {
            return Optional.empty();
        }
        String resolved = substitute(uri, stageVariables);
        Matcher wrapped = APIGATEWAY_FORM.matcher(resolved);
        if (wrapped.matches()) {
            resolved = wrapped.group(1);
        }
        Matcher arn = FUNCTION_ARN.matcher(resolved);
        if (!arn.matches()) {
            return Optional.empty();
        }
        String qualifier = arn.group(6);
        return Optional.of(new LambdaTarget(new Account(arn.group(3), arn.group(1)), arn.group(4),
                qualifier == null || qualifier.equals("$LATEST") ? Optional.empty() : Optional.of(qualifier)));
    }

    /** Whether {@code uri} could name a function once its stage variables are known. */
    public static boolean plausible(String uri) {
        if (uri == null) {
            return false;
        }
        return parse(STAGE_VARIABLE.matcher(uri).replaceAll("x"), Map.of()).isPresent();
    }

    private static String substitute(String uri, Map<String, String> stageVariables) {
        if (uri.indexOf("${") < 0) {
            return uri;
        }
        Matcher matcher = STAGE_VARIABLE.matcher(uri);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(stageVariables.getOrDefault(matcher.group(1), "")));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
